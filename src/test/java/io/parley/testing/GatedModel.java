package io.parley.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow model on a WireMock server of its own: OpenAI chat completions under any path ending in
 * {@code /v1/chat/completions}, each held open until the test opens the gate, and a count of the calls open at once
 * (now and at most), taken by the server itself. Holding calls instead of delaying them by a fixed time lets a test
 * know that N calls are open at the same moment without timing anything.
 */
public final class GatedModel implements AutoCloseable {
    /** The longest a call is held if a test forgets to open the gate. */
    private static final long HOLD_LIMIT_SECONDS = 60;

    private final Counter counter = new Counter();
    private final WireMockServer server;

    private GatedModel(String reply) {
        server =
                new WireMockServer(options().dynamicPort().containerThreads(200).extensions(counter));
        server.start();
        server.stubFor(post(urlPathMatching(".*/v1/chat/completions")).willReturn(okJson(LlmFake.completion(reply))));
    }

    /** Started, with the gate closed; every call answers {@code reply} once the gate opens. */
    public static GatedModel replying(String reply) {
        return new GatedModel(reply);
    }

    public int port() {
        return server.port();
    }

    /** An OpenAI base URL on this server with {@code host} ({@code 127.0.0.1} or {@code localhost}). */
    public String baseUrl(String host, String prefix) {
        return "http://" + host + ":" + port() + "/" + prefix + "/v1";
    }

    /** Calls open at this moment (received, not yet answered). */
    public int open() {
        return counter.open.get();
    }

    /** The most calls that were open at once. */
    public int mostOpen() {
        return counter.most.get();
    }

    /** Calls received in all. */
    public int received() {
        return counter.received.get();
    }

    /** Answers every held call and every call from now on. */
    public void openGate() {
        counter.gate.countDown();
    }

    @Override
    public void close() {
        openGate();
        server.stop();
    }

    private static final class Counter implements ServeEventListener {
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();
        private final AtomicInteger received = new AtomicInteger();
        private final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public void beforeMatch(ServeEvent event, Parameters parameters) {
            received.incrementAndGet();
            most.accumulateAndGet(open.incrementAndGet(), Math::max);
        }

        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            try {
                gate.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void afterComplete(ServeEvent event, Parameters parameters) {
            open.decrementAndGet();
        }

        @Override
        public String getName() {
            return "gated-model-counter";
        }
    }
}
