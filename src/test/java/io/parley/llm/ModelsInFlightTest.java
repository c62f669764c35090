package io.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.llm.internal.InFlightLimits;
import io.parley.llm.internal.OfflineModelGateway;
import io.parley.llm.internal.OpenAiModelGateway;
import io.parley.platform.Secret;
import io.parley.testing.GatedModel;
import io.parley.testing.LoopbackEgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on model calls open to one server ({@code parley.llm.max-in-flight}): counted by the fake server itself,
 * which holds every call open until the test lets them through, so "at most N at once" is observed, not timed.
 */
class ModelsInFlightTest {
    private final GatedModel model = GatedModel.replying("Shipped.");
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        model.close();
        callers.shutdownNow();
    }

    @Test
    void should_keep_at_most_the_bound_open_at_the_server_when_more_calls_come_at_once() throws Exception {
        Models models = models(new LlmProperties(3, List.of(), Duration.ofMinutes(1)));

        List<Future<ModelReply>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(callers.submit(() -> models.chat(request("127.0.0.1", "a"))));
        }

        await().until(() -> model.open() == 3 && gauge("parley.llm.waiting") == 5);
        assertThat(gauge("parley.llm.in_flight")).isEqualTo(3);
        assertThat(model.received()).as("calls sent while three are open").isEqualTo(3);
        model.openGate();
        for (Future<ModelReply> call : calls) {
            assertThat(call.get().text()).isEqualTo("Shipped.");
        }
        assertThat(model.received()).isEqualTo(8);
        assertThat(model.mostOpen()).as("most calls open at the server at once").isEqualTo(3);
        assertThat(gauge("parley.llm.in_flight")).isZero();
        assertThat(gauge("parley.llm.waiting")).isZero();
    }

    @Test
    void should_fail_as_busy_without_sending_when_no_place_frees_within_the_wait() throws Exception {
        Models models = models(new LlmProperties(1, List.of(), Duration.ofMillis(50)));
        Future<ModelReply> first = callers.submit(() -> models.chat(request("127.0.0.1", "a")));
        await().until(() -> model.open() == 1);

        Future<ModelReply> second = callers.submit(() -> models.chat(request("127.0.0.1", "a")));

        assertThat(second)
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.BUSY);
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.isLimit()).isFalse();
                    assertThat(e.provider()).isEqualTo("openai");
                    assertThat(e.code()).isEqualTo("model_busy");
                });
        assertThat(model.received())
                .as("the refused call never reached the server")
                .isEqualTo(1);
        assertThat(meters.get("parley.llm.busy").counter().count()).isEqualTo(1.0);
        model.openGate();
        assertThat(first.get().text()).isEqualTo("Shipped.");
    }

    @Test
    void should_bound_each_server_apart_and_take_the_most_specific_override() throws Exception {
        // Both names reach the same fake; to Parley they are two servers, each with its own bound.
        Models models = models(new LlmProperties(
                5, List.of("openai=4", "localhost=2", "127.0.0.1:" + model.port() + "=1"), Duration.ofMinutes(1)));

        List<Future<ModelReply>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(callers.submit(() -> models.chat(request("127.0.0.1", "a"))));
            calls.add(callers.submit(() -> models.chat(request("localhost", "b"))));
        }

        await().until(() -> model.open() == 3);
        assertThat(meters.get("parley.llm.in_flight")
                        .tag("server", "127.0.0.1:" + model.port())
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(meters.get("parley.llm.in_flight")
                        .tag("server", "localhost:" + model.port())
                        .gauge()
                        .value())
                .isEqualTo(2);
        model.openGate();
        for (Future<ModelReply> call : calls) {
            assertThat(call.get().text()).isEqualTo("Shipped.");
        }
        assertThat(model.mostOpen()).isEqualTo(3);
    }

    @Test
    void should_not_bound_the_offline_model_when_it_calls_no_server() {
        Models models = new Models(
                List.of(new OfflineModelGateway()),
                new InFlightLimits(new LlmProperties(1, List.of(), Duration.ZERO), meters, LoopbackEgress.http()));
        ModelSpec offline = new ModelSpec("offline", null, null, null, 0.0, Duration.ofSeconds(5));

        ModelReply reply = models.chat(new ModelRequest(
                offline,
                List.of(ChatMessage.user("When do you ship?")),
                List.of(new ReferenceAnswer("When do you ship?", "Within two days."))));

        assertThat(reply.text()).isEqualTo("Within two days.");
        assertThat(meters.find("parley.llm.in_flight").gauges()).isEmpty();
    }

    private Models models(LlmProperties properties) {
        return new Models(
                List.of(new OpenAiModelGateway(LoopbackEgress.http())),
                new InFlightLimits(properties, meters, LoopbackEgress.http()));
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private ModelRequest request(String host, String prefix) {
        ModelSpec spec = new ModelSpec(
                "openai",
                "gpt-4o-mini",
                model.baseUrl(host, prefix),
                Secret.of("sk-test"),
                0.0,
                Duration.ofSeconds(30));
        return new ModelRequest(spec, List.of(ChatMessage.user("Where is my parcel?")), List.of());
    }
}
