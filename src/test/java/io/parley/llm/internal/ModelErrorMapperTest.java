package io.parley.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.platform.Secret;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failures that reach the mapper without a status the wire test can produce. */
class ModelErrorMapperTest {
    private static final Secret KEY = Secret.of("sk-mapper-secret-42");

    private final ModelErrorMapper mapper = new ModelErrorMapper(ProviderFamily.OPENAI);

    static Stream<Arguments> failuresWithoutResponse() {
        return Stream.of(
                Arguments.of(
                        new dev.langchain4j.exception.TimeoutException(new HttpTimeoutException("timed out")),
                        Kind.TIMEOUT),
                Arguments.of(new RuntimeException(new CompletionException(new TimeoutException())), Kind.TIMEOUT),
                Arguments.of(new LangChain4jException(new SocketTimeoutException("Read timed out")), Kind.TIMEOUT),
                Arguments.of(new RuntimeException(new ConnectException()), Kind.UNAVAILABLE),
                Arguments.of(new UnresolvedModelServerException(new UnresolvedAddressException()), Kind.UNAVAILABLE),
                Arguments.of(new RateLimitException("slow down"), Kind.RATE_LIMITED),
                Arguments.of(new IllegalArgumentException("messages cannot be empty"), Kind.INVALID_REQUEST),
                Arguments.of(new IllegalStateException("unexpected response"), Kind.UNAVAILABLE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failuresWithoutResponse")
    void should_classify_the_failure_when_no_http_status_is_known(Throwable failure, Kind kind) {
        ModelException e = mapper.map(failure, KEY);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.httpStatus()).isNull();
        assertThat(e.getCause()).isSameAs(failure);
    }

    @Test
    void should_classify_by_status_when_the_http_exception_is_wrapped_deep_in_the_chain() {
        HttpException http = new HttpException(429, "{\"error\":{\"type\":\"insufficient_quota\"}}");

        ModelException e = mapper.map(new RuntimeException(new RateLimitException(http)), KEY);

        assertThat(e.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(e.httpStatus()).isEqualTo(429);
    }

    @Test
    void should_drop_the_cause_and_redact_the_message_when_they_contain_the_key() {
        InternalServerException failure = new InternalServerException("boom with " + KEY.reveal());

        ModelException e = mapper.map(failure, KEY);

        assertThat(e.getMessage()).contains("boom with ****").doesNotContain(KEY.reveal());
        assertThat(e.getCause()).isNull();
    }
}
