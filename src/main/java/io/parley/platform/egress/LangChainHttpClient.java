package io.parley.platform.egress;

import static dev.langchain4j.http.client.sse.ServerSentEventListenerUtils.ignoringExceptions;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.FormDataFile;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * LangChain4j's HTTP client interface over {@link EgressHttp}. Failures look like those of LangChain4j's JDK client,
 * so the error mapping of every provider keeps working: a non-2xx answer is an {@link HttpException} with the
 * status and the (size-limited) body, which providers read for their error codes; a timeout is a
 * {@link TimeoutException}; other I/O failures are wrapped in a RuntimeException. An address the egress policy
 * refuses is a {@link NonRetriableException}: trying again cannot help, an operator or admin must act.
 */
final class LangChainHttpClient implements HttpClient {
    /** Replies and embedding batches are far smaller; this only stops a server that does not stop. */
    static final long MAX_BODY = 32L * 1024 * 1024;

    private final EgressHttp http;
    private final EgressHttp.Timeouts timeouts;

    LangChainHttpClient(EgressHttp http, EgressHttp.Timeouts timeouts) {
        this.http = http;
        this.timeouts = timeouts;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        Response response;
        try {
            response = http.send(toApache(request), timeouts, MAX_BODY);
        } catch (IOException | EgressRefusedException e) {
            throw mapped(e);
        }
        if (!response.successful()) {
            throw new HttpException(response.status(), response.text());
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.status())
                .headers(response.headers())
                .body(response.body())
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        HttpUriRequestBase apacheRequest = toApache(request);
        Thread.ofVirtual().name("egress-sse").start(() -> stream(apacheRequest, parser, listener));
    }

    private void stream(HttpUriRequestBase request, ServerSentEventParser parser, ServerSentEventListener listener) {
        try (Exchange exchange = http.open(request, timeouts)) {
            if (exchange.status() / 100 != 2) {
                String body = new String(exchange.readPrefix(EgressHttp.ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
                ignoringExceptions(() -> listener.onError(new HttpException(exchange.status(), body)));
                return;
            }
            SuccessfulHttpResponse opened = SuccessfulHttpResponse.builder()
                    .statusCode(exchange.status())
                    .headers(exchange.headers())
                    .build();
            ignoringExceptions(() -> listener.onOpen(opened));
            try (InputStream body = exchange.body()) {
                parser.parse(body, listener);
            }
            ignoringExceptions(listener::onClose);
        } catch (IOException | EgressRefusedException e) {
            RuntimeException failure = mapped(e);
            ignoringExceptions(() -> listener.onError(failure));
        }
    }

    private static RuntimeException mapped(Exception failure) {
        if (failure instanceof EgressRefusedException refused) {
            return new NonRetriableException(refused.getMessage(), refused);
        }
        if (failure instanceof InterruptedIOException) { // socket, connect and response timeouts
            return new TimeoutException(failure);
        }
        return new RuntimeException(failure);
    }

    private static HttpUriRequestBase toApache(HttpRequest request) {
        HttpUriRequestBase apache = new HttpUriRequestBase(request.method().name(), URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> apache.addHeader(name, value));
            }
        });
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            MultipartEntityBuilder multipart = MultipartEntityBuilder.create();
            request.formDataFields()
                    .forEach((name, value) -> multipart.addTextBody(
                            name, value, ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8)));
            for (Map.Entry<String, FormDataFile> file : request.formDataFiles().entrySet()) {
                multipart.addBinaryBody(
                        file.getKey(),
                        file.getValue().content(),
                        ContentType.parse(file.getValue().contentType()),
                        file.getValue().fileName());
            }
            apache.removeHeaders("Content-Type"); // the entity brings its own, with the boundary
            apache.setEntity(multipart.build());
        } else if (request.body() != null) {
            String type = apache.getFirstHeader("Content-Type") == null
                    ? null
                    : apache.getFirstHeader("Content-Type").getValue();
            apache.setEntity(new StringEntity(
                    request.body(),
                    type == null
                            ? ContentType.APPLICATION_JSON
                            : ContentType.parse(type).withCharset(StandardCharsets.UTF_8)));
        }
        return apache;
    }
}
