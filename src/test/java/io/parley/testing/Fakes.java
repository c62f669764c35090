package io.parley.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * One WireMock server per test JVM faking every external HTTP service on the wire: the Graph API under
 * {@code /graph/v22.0} and LLM providers under {@code /llm/<test-specific prefix>}. Tests isolate themselves by
 * path (each creates its own phone number id and model base URL), so one Spring context can serve them all.
 */
public final class Fakes {
    private static WireMockServer server;

    private Fakes() {}

    public static synchronized WireMockServer wiremock() {
        if (server == null) {
            server = new WireMockServer(
                    options().dynamicPort().containerThreads(50).asynchronousResponseEnabled(true));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
            GraphFake.ownEveryPhoneNumber(server);
        }
        return server;
    }

    public static String baseUrl() {
        return wiremock().baseUrl();
    }

    /** Stripe's API: tests isolate themselves by the secret key each connects with (the Authorization header). */
    public static String stripeUrl() {
        return baseUrl() + "/stripe";
    }

    /** The Telegram Bot API: tests isolate themselves by bot token, which is in every path ({@code /bot<token>/}). */
    public static String telegramUrl() {
        return baseUrl() + "/telegram";
    }

    public static String graphUrl() {
        return baseUrl() + "/graph/v22.0";
    }
}
