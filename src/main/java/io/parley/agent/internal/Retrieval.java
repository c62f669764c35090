package io.parley.agent.internal;

import io.parley.agent.AgentRequest;
import io.parley.knowledge.Knowledge;
import io.parley.knowledge.Passage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Retrieval for the turn: the chatbot's knowledge passages for the message(s) being answered, for every model (the
 * prompt carries them; the offline model answers with the best). Knowledge is an aid: if searching fails the turn
 * goes on without it instead of failing.
 */
@Component
class Retrieval {
    private static final Logger log = LoggerFactory.getLogger(Retrieval.class);

    private final Knowledge knowledge;

    Retrieval(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    List<Passage> passagesFor(AgentRequest request) {
        String latest = latestUserMessages(request.history());
        if (latest.isBlank()) {
            return List.of();
        }
        try {
            return knowledge.forPrompt(request.chatbot(), latest);
        } catch (RuntimeException e) {
            log.warn(
                    "Knowledge search failed for chatbot {}; answering without it",
                    request.chatbot().id(),
                    e);
            return List.of();
        }
    }

    // A burst of user messages is answered together; the question is often in the last one, so all of them count.
    static String latestUserMessages(List<AgentRequest.HistoryMessage> history) {
        Deque<String> burst = new ArrayDeque<>();
        for (int i = history.size() - 1;
                i >= 0 && history.get(i).role() == AgentRequest.HistoryMessage.Role.USER;
                i--) {
            burst.addFirst(history.get(i).text());
        }
        return String.join("\n", burst);
    }
}
