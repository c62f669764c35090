package io.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ModelGateway} does, offline or remote: a complete reply with its usage, and the streamed call
 * returning exactly the reply of the plain one (ADR 36). A gateway's test extends this (or
 * {@link RemoteModelGatewayContract} for one that calls a server) and says how to make its model answer a text.
 */
public abstract class ModelGatewayContract {
    /** The usage a remote fake reports for every answer. */
    protected static final int INPUT_TOKENS = 42;

    protected static final int OUTPUT_TOKENS = 7;
    private static final String ANSWER = "We open at 9 on weekdays.";

    /** The gateway under test; one instance for the whole test. */
    protected abstract ModelGateway gateway();

    /**
     * A request {@link #gateway()} answers with {@code text}, its provider reporting {@link #INPUT_TOKENS} and
     * {@link #OUTPUT_TOKENS} where it reports usage. Answers the plain and (where the gateway streams) the streamed
     * call alike.
     */
    protected abstract ModelRequest answeredWith(String text);

    /** True when the provider reports usage; false when the gateway estimates it. */
    protected abstract boolean reportsUsage();

    /** True when the gateway hands text to the token listener as the provider streams it. */
    protected abstract boolean streams();

    @Test
    void should_return_the_complete_reply_when_the_model_answers() {
        ModelRequest request = answeredWith(ANSWER);

        ModelReply reply = gateway().chat(request);

        assertThat(reply.text()).isEqualTo(ANSWER);
        assertThat(reply.answered()).isTrue();
        assertThat(reply.wantsTools()).isFalse();
        assertThat(reply.provider()).isEqualTo(gateway().provider());
        assertThat(reply.model()).isEqualTo(request.spec().name());
    }

    @Test
    void should_report_the_token_usage_when_the_model_answers() {
        ModelReply reply = gateway().chat(answeredWith(ANSWER));

        if (reportsUsage()) {
            assertThat(reply.inputTokens()).isEqualTo(INPUT_TOKENS);
            assertThat(reply.outputTokens()).isEqualTo(OUTPUT_TOKENS);
        } else {
            assertThat(reply.inputTokens()).as("estimated").isPositive();
            assertThat(reply.outputTokens()).as("estimated").isPositive();
        }
    }

    @Test
    void should_return_the_reply_of_the_plain_call_when_the_call_streams() {
        ModelRequest request = answeredWith(ANSWER);
        List<String> tokens = new CopyOnWriteArrayList<>();

        ModelReply plain = gateway().chat(request);
        ModelReply streamed = gateway().chat(request, tokens::add);

        assertThat(streamed).isEqualTo(plain);
        if (streams()) {
            assertThat(tokens).as("previews in pieces").hasSizeGreaterThan(1);
            assertThat(String.join("", tokens)).isEqualTo(plain.text());
        } else {
            assertThat(tokens).isEmpty();
        }
    }

    @Test
    void should_keep_the_reply_when_the_token_listener_fails() {
        ModelRequest request = answeredWith(ANSWER);

        ModelReply reply = gateway().chat(request, text -> {
            throw new IllegalStateException("client gone");
        });

        assertThat(reply.text()).isEqualTo(ANSWER);
        assertThat(reply.answered()).isTrue();
    }
}
