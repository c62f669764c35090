package io.parley.testing;

import java.time.Duration;
import org.springframework.test.context.TestPropertySource;

/**
 * Integration tests of behaviour in time (debounce, backoff, lanes, pacing, the 24-hour window, sessions,
 * retention): Parley's clock stands still until the test moves it with {@link TestTime#advance}, which runs what
 * became due. Durations are Parley's production defaults, not shortened: moving the clock costs nothing, and a slow
 * machine cannot make something due early. Assert what happened, in which order and when it is scheduled, never how
 * long it took.
 */
@TestPropertySource(
        properties = {
            TestClocks.MODE + "=frozen",
            "parley.conversation.debounce=" + TimeTestSupport.DEBOUNCE_SECONDS + "s",
            "parley.conversation.first-quiet=" + TimeTestSupport.FIRST_QUIET_MILLIS + "ms",
            "parley.conversation.reaper-interval=5s",
            "parley.delivery.first-backoff=1s",
            "parley.delivery.confirmation-wait=30s",
            "parley.media.first-backoff=10s"
        })
public abstract class TimeTestSupport extends IntegrationTestSupport {
    static final int DEBOUNCE_SECONDS = 1;
    static final int FIRST_QUIET_MILLIS = 250;
    /** The quiet time after the newest message of a burst before the bot answers (the production default). */
    protected static final Duration DEBOUNCE = Duration.ofSeconds(DEBOUNCE_SECONDS);
    /** The quiet time after a lone message before the bot answers (the production default, ADR 49). */
    protected static final Duration FIRST_QUIET = Duration.ofMillis(FIRST_QUIET_MILLIS);

    /** A contact who wrote "Hi" and received the bot's "Hello!" ({@link WhatsAppChat#answered} on this clock). */
    protected WhatsAppChat answered(Tenants.WhatsAppBot bot) {
        bot.llm().replies("Hello!");
        GraphFake.acceptSends(bot.phoneNumberId());
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");
        time.advance(DEBOUNCE);
        chat.awaitReceived(1);
        return chat;
    }
}
