package io.parley.platform.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client on the wire: it connects only to addresses the policy returned at connect time (a rebinding resolver
 * cannot slip another one in), never follows a redirect, and stops reading a body at its limit.
 */
class EgressHttpTest {
    private static final EgressHttp.Timeouts TIMEOUTS = EgressHttp.Timeouts.of(Duration.ofSeconds(5));
    private static WireMockServer allowed;
    private static WireMockServer forbidden;
    private static int port;

    @BeforeAll
    static void start() {
        allowed = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        allowed.start();
        port = allowed.port();
        // Linux routes all of 127/8 to the loopback interface: the same port on another loopback address.
        forbidden = new WireMockServer(wireMockConfig().bindAddress("127.0.0.2").port(port));
        forbidden.start();
    }

    @AfterAll
    static void stop() {
        allowed.stop();
        forbidden.stop();
    }

    @BeforeEach
    void reset() {
        allowed.resetAll();
        forbidden.resetAll();
        allowed.stubFor(any(anyUrl()).willReturn(ok("allowed")));
        forbidden.stubFor(any(anyUrl()).willReturn(ok("forbidden")));
    }

    @Test
    void should_never_connect_to_an_unchecked_address_when_the_name_rebinds_after_the_check() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        NameLookup rebinding =
                name -> new InetAddress[] {lookups.incrementAndGet() == 1 ? ip("93.184.215.14") : ip("127.0.0.1")};
        EgressPolicy policy = new EgressPolicy(AllowList.none(), rebinding);
        String url = "http://rebind.test:" + port + "/ping";

        assertThat(policy.check("url", url)).isInstanceOf(EgressPolicy.Allowed.class);
        try (EgressHttp http = new EgressHttp(policy)) {
            EgressRefusedException refused = catchThrowableOfType(
                    EgressRefusedException.class, () -> http.send(new HttpGet(url), TIMEOUTS, 1024));

            assertThat(refused.reason()).contains("loopback");
        }
        assertThat(lookups).hasValue(2); // once for the check, once for the connection: never a third time
        assertThat(allowed.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void should_connect_only_to_the_addresses_the_policy_kept() throws Exception {
        NameLookup both = name -> new InetAddress[] {ip("127.0.0.2"), ip("127.0.0.1")};
        try (EgressHttp http =
                new EgressHttp(new EgressPolicy(AllowList.parse(java.util.List.of("127.0.0.1")), both))) {
            Response response = http.send(new HttpGet("http://two.test:" + port + "/ping"), TIMEOUTS, 1024);

            assertThat(response.text()).isEqualTo("allowed");
        }
        assertThat(allowed.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
        assertThat(forbidden.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void should_refuse_literal_and_noncanonical_hosts_at_connect_time_too() throws Exception {
        try (EgressHttp http = new EgressHttp(EgressPolicy.allowing(NameLookup.SYSTEM, "127.0.0.1"))) {
            for (String url : new String[] {
                "http://127.0.0.2:" + port + "/",
                "http://[::ffff:127.0.0.2]:" + port + "/",
                "http://2130706434:" + port + "/"
            }) {
                assertThat(catchThrowableOfType(
                                EgressRefusedException.class, () -> http.send(new HttpGet(url), TIMEOUTS, 1024)))
                        .as(url)
                        .isNotNull();
            }
        }
        assertThat(forbidden.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void should_answer_a_redirect_as_it_is_without_following_it() throws Exception {
        allowed.stubFor(get("/moved")
                .willReturn(
                        aResponse().withStatus(302).withHeader("Location", "http://127.0.0.2:" + port + "/secret")));
        try (EgressHttp http = new EgressHttp(EgressPolicy.allowing(NameLookup.SYSTEM, "127.0.0.1"))) {
            Response response = http.send(new HttpGet("http://127.0.0.1:" + port + "/moved"), TIMEOUTS, 1024);

            assertThat(response.status()).isEqualTo(302);
        }
        assertThat(forbidden.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void should_stop_reading_a_chunked_body_at_the_limit() throws Exception {
        long limit = 256 * 1024;
        long offered = 64L * 1024 * 1024;
        try (ServerSocket server = new ServerSocket(0, 1, ip("127.0.0.1"));
                EgressHttp http = new EgressHttp(EgressPolicy.allowing(NameLookup.SYSTEM, "127.0.0.1"))) {
            CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> endlessChunks(server, offered));

            BodyTooLargeException tooLarge = catchThrowableOfType(
                    BodyTooLargeException.class,
                    () -> http.send(
                            new HttpGet("http://127.0.0.1:" + server.getLocalPort() + "/big"), TIMEOUTS, limit));

            assertThat(tooLarge.limit()).isEqualTo(limit);
            // the server's writes fail once the client has dropped the connection; socket buffers hold a few MB
            assertThat(written.get(30, TimeUnit.SECONDS)).isLessThan(offered / 4);
        }
    }

    @Test
    void should_fail_langchain4j_calls_as_its_own_client_does() throws Exception {
        allowed.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429).withBody("{\"error\":\"slow down\"}")));
        try (EgressHttp http = new EgressHttp(EgressPolicy.allowing(NameLookup.SYSTEM, "127.0.0.1"))) {
            var client = http.langChain4j().build();

            HttpException status = catchThrowableOfType(
                    HttpException.class,
                    () -> client.execute(HttpRequest.builder()
                            .method(HttpMethod.POST)
                            .url("http://127.0.0.1:" + port + "/v1/chat")
                            .body("{}")
                            .build()));
            NonRetriableException refused = catchThrowableOfType(
                    NonRetriableException.class,
                    () -> client.execute(HttpRequest.builder()
                            .method(HttpMethod.GET)
                            .url("http://127.0.0.2:" + port + "/v1")
                            .build()));

            assertThat(status.statusCode()).isEqualTo(429);
            assertThat(status.getMessage()).contains("slow down"); // providers read their error codes from it
            assertThat(refused.getCause()).isInstanceOf(EgressRefusedException.class);
        }
        assertThat(forbidden.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    /** Answers one request with chunks until the client goes away or {@code max} bytes were written. */
    private static long endlessChunks(ServerSocket server, long max) {
        long written = 0;
        try (Socket socket = server.accept()) {
            socket.getInputStream().read(new byte[4096]);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (written < max) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException e) {
            // the client dropped the connection: what was written so far is the answer
        }
        return written;
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
