package io.parley.llm.internal;

import io.parley.llm.ChatMessage;
import io.parley.llm.ModelGateway;
import io.parley.llm.ModelGatewayContract;
import io.parley.llm.ModelRequest;
import io.parley.llm.ModelSpec;
import io.parley.llm.ReferenceAnswer;
import java.time.Duration;
import java.util.List;

/** The embedded model answers from the chatbot's FAQ; its usage is estimated and it does not stream. */
class OfflineModelGatewayContractTest extends ModelGatewayContract {
    private static final String QUESTION = "What are your opening hours?";

    private final OfflineModelGateway gateway = new OfflineModelGateway();

    @Override
    protected ModelGateway gateway() {
        return gateway;
    }

    @Override
    protected ModelRequest answeredWith(String text) {
        return new ModelRequest(
                new ModelSpec("offline", "faq-lexical", null, null, 0.0, Duration.ofSeconds(5)),
                List.of(ChatMessage.system("You are Parley."), ChatMessage.user(QUESTION)),
                List.of(new ReferenceAnswer(QUESTION, text)));
    }

    @Override
    protected boolean reportsUsage() {
        return false;
    }

    @Override
    protected boolean streams() {
        return false;
    }
}
