package io.parley.llm.internal;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed model call made synchronous: text goes to the listener while it arrives, the caller gets the complete
 * response (or LangChain4j's failure, rethrown for the error mapper; a stream without a finish reason was cut off). Tokens are previews: a listener that fails is
 * dropped, never the call; once the model starts a tool call, the round's text stops reaching the listener.
 */
final class StreamedCall implements StreamingChatResponseHandler {
    private static final Logger log = LoggerFactory.getLogger(StreamedCall.class);

    private final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
    private final Consumer<String> tokens;
    private volatile boolean forwarding = true;

    private StreamedCall(Consumer<String> tokens) {
        this.tokens = tokens;
    }

    static ChatResponse run(StreamingChatModel model, ChatRequest request, Consumer<String> tokens, Duration limit) {
        StreamedCall call = new StreamedCall(tokens);
        model.chat(request, call);
        try {
            return call.result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new RuntimeException(e.getCause());
        } catch (TimeoutException e) {
            call.forwarding = false;
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.forwarding = false;
            throw new RuntimeException(e);
        }
    }

    @Override
    public void onPartialResponse(String text) {
        if (!forwarding || text == null || text.isEmpty()) {
            return;
        }
        try {
            tokens.accept(text);
        } catch (RuntimeException e) {
            forwarding = false;
            log.warn(
                    "Token listener failed, no more tokens of this call: {}",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void onPartialToolCall(PartialToolCall toolCall) {
        forwarding = false;
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        forwarding = false;
        if (response == null || response.finishReason() == null) {
            // LangChain4j completes on close: a stream cut off (or ended by an error event) is not an answer.
            result.completeExceptionally(new IOException("The model's stream ended without a finish reason"));
            return;
        }
        result.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        forwarding = false;
        result.completeExceptionally(error);
    }
}
