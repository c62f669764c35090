package io.parley.platform.egress;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;

/** What LangChain4j models are built with, so their requests go through {@link EgressHttp}. */
final class LangChainHttpClientBuilder implements HttpClientBuilder {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final EgressHttp http;
    private Duration connectTimeout;
    private Duration readTimeout;

    LangChainHttpClientBuilder(EgressHttp http) {
        this.http = http;
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public HttpClient build() {
        return new LangChainHttpClient(
                http,
                new EgressHttp.Timeouts(
                        connectTimeout == null ? DEFAULT_TIMEOUT : connectTimeout,
                        readTimeout == null ? DEFAULT_TIMEOUT : readTimeout));
    }
}
