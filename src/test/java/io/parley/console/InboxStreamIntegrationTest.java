package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The live inbox's server-sent events over plain HTTP: a change is told to the organization's open stream. */
class InboxStreamIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_tell_an_open_stream_when_a_conversation_of_its_organization_changes() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        ConsoleHttp agent = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "agent"), ConsoleStaff.PASSWORD);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/inbox/stream"))
                .header(
                        "Cookie",
                        "parley_console=" + agent.cookie("parley_console").orElseThrow())
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> stream =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        CompletableFuture<String> told = CompletableFuture.supplyAsync(() -> {
            try (Stream<String> lines = stream.body()) {
                return lines.filter(line -> line.startsWith("event:"))
                        .findFirst()
                        .orElse("ended");
            }
        });

        Webhooks.post(
                api,
                WhatsAppPayloads.text(bot.phoneNumberId(), "15557779876", WhatsAppPayloads.newWamid(), "Hi"),
                bot.appSecret());

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(told.get(Duration.ofSeconds(15).toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("event:inbox");
    }

    @Test
    void should_refuse_a_stream_without_a_console_session() {
        ConsoleHttp anonymous = new ConsoleHttp(port);

        HttpResponse<String> refused = anonymous.get("/console/inbox/stream", "Accept", "text/event-stream");

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));
    }
}
