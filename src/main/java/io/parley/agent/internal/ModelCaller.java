package io.parley.agent.internal;

import io.parley.llm.ModelException;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ModelSpec;
import io.parley.llm.Models;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import io.parley.tenancy.ModelSettings;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calls the chatbot's model; when that fails with a retriable error (rate limit, outage, timeout) and the chatbot
 * has a fallback model, the same request goes to the fallback once. Permanent errors (bad key, bad request) are not
 * retried on another model: they need an operator.
 */
@Component
class ModelCaller {
    private static final Logger log = LoggerFactory.getLogger(ModelCaller.class);

    private final Models models;
    private final Duration defaultTimeout;

    ModelCaller(Models models, @Value("${parley.llm.timeout:60s}") Duration defaultTimeout) {
        this.models = models;
        this.defaultTimeout = defaultTimeout;
    }

    ModelSpec primary(Chatbot chatbot) {
        ModelSettings m = chatbot.model();
        return new ModelSpec(
                m.provider(),
                m.name(),
                m.baseUrl(),
                m.apiKey(),
                m.temperature(),
                Chatbots.effectiveTimeout(chatbot, defaultTimeout),
                m.maxOutputTokens());
    }

    ModelReply call(Chatbot chatbot, ModelRequest request) {
        return call(chatbot, request, null);
    }

    /** @param tokens streamed text of either model (null: the plain call) */
    ModelReply call(Chatbot chatbot, ModelRequest request, Consumer<String> tokens) {
        try {
            return chat(request, tokens);
        } catch (ModelException primaryFailure) {
            ModelSettings.FallbackModel fallback = chatbot.model().fallback();
            if (fallback == null || !primaryFailure.retriable()) {
                throw primaryFailure;
            }
            log.warn(
                    "Model {} failed with {}; trying the fallback model {}",
                    request.spec().provider(),
                    primaryFailure.kind(),
                    fallback.provider());
            ModelSpec spec = request.spec();
            ModelSpec fallbackSpec = new ModelSpec(
                    fallback.provider(),
                    fallback.name(),
                    fallback.baseUrl(),
                    fallback.apiKey(),
                    spec.temperature(),
                    spec.timeout(),
                    spec.maxOutputTokens());
            return chat(
                    new ModelRequest(
                            fallbackSpec,
                            request.messages(),
                            request.references(),
                            request.tools(),
                            request.passages()),
                    tokens);
        }
    }

    private ModelReply chat(ModelRequest request, Consumer<String> tokens) {
        return tokens == null ? models.chat(request) : models.chat(request, tokens);
    }
}
