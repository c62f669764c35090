package io.parley.agent.internal;

import io.parley.agent.AgentRequest;
import io.parley.knowledge.Passage;
import io.parley.llm.ChatMessage;
import io.parley.llm.ToolSpec;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.FaqEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds the model's messages: one system message (the chatbot's prompt, persona, who the contact is and what is
 * known about them, the tools, the reference answers, the knowledge passages retrieved for the turn), then the
 * history. Section headings are plain English for the
 * model; the chatbot's own prompt decides the language of the replies (seed 003 hard-coded Spanish headings).
 */
@Component
public class PromptAssembler {
    // Labels are the documents' own names, so the model cites them in the reply's language without translating.
    private static final String KNOWLEDGE_HEADER = "\n\n## Knowledge base\nPassages from this business's documents "
            + "that may answer the latest message, best first. When one answers it, answer from it and name its "
            + "source (the name in square brackets). If none answers it, do not guess: say you do not know.";

    public List<ChatMessage> messages(AgentRequest request, List<ToolSpec> tools) {
        return messages(request, tools, List.of());
    }

    public List<ChatMessage> messages(AgentRequest request, List<ToolSpec> tools, List<Passage> passages) {
        return messages(request, request.history(), tools, passages);
    }

    /** With {@code history} instead of the request's: what is left of it after the prompt budget cut it. */
    List<ChatMessage> messages(
            AgentRequest request,
            List<AgentRequest.HistoryMessage> history,
            List<ToolSpec> tools,
            List<Passage> passages) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(systemPrompt(request, tools, passages)));
        for (AgentRequest.HistoryMessage message : history) {
            messages.add(
                    message.role() == AgentRequest.HistoryMessage.Role.USER
                            ? ChatMessage.user(message.text())
                            : ChatMessage.assistant(message.text()));
        }
        return messages;
    }

    String systemPrompt(AgentRequest request, List<ToolSpec> tools) {
        return systemPrompt(request, tools, List.of());
    }

    String systemPrompt(AgentRequest request, List<ToolSpec> tools, List<Passage> passages) {
        StringBuilder prompt = promptAndPersona(request.chatbot());
        appendContact(prompt, request);
        appendTools(prompt, tools);
        appendReferences(prompt, request.chatbot().faq());
        appendKnowledge(prompt, passages);
        return prompt.toString();
    }

    /**
     * The system prompt's parts that are never cut (the chatbot's prompt and persona, the contact, the reference
     * answers), as the prompt budget counts them; tools and knowledge are counted on their own.
     */
    String fixedSystemText(AgentRequest request) {
        StringBuilder prompt = promptAndPersona(request.chatbot());
        appendContact(prompt, request);
        appendReferences(prompt, request.chatbot().faq());
        return prompt.toString();
    }

    private static StringBuilder promptAndPersona(Chatbot chatbot) {
        StringBuilder prompt = new StringBuilder(chatbot.systemPrompt().strip());
        if (chatbot.persona() != null && !chatbot.persona().isBlank()) {
            prompt.append("\n\n").append(chatbot.persona().strip());
        }
        return prompt;
    }

    String toolsText(List<ToolSpec> tools) {
        StringBuilder text = new StringBuilder();
        appendTools(text, tools);
        return text.toString();
    }

    String knowledgeHeader() {
        return KNOWLEDGE_HEADER;
    }

    String passageText(Passage passage) {
        return "\n\n[" + passage.sourceName() + "]\n" + passage.text().strip();
    }

    private void appendKnowledge(StringBuilder prompt, List<Passage> passages) {
        if (passages.isEmpty()) {
            return;
        }
        prompt.append(KNOWLEDGE_HEADER);
        for (Passage passage : passages) {
            prompt.append(passageText(passage));
        }
    }

    private static void appendContact(StringBuilder prompt, AgentRequest request) {
        AgentRequest.ContactContext contact = request.contact();
        prompt.append("\n\n## The person you are talking to\n- Channel: ").append(request.channel());
        if (contact == null) {
            return;
        }
        if (contact.name() != null && !contact.name().isBlank()) {
            prompt.append("\n- Name: ").append(contact.name());
        }
        if (contact.phone() != null) {
            prompt.append("\n- Phone: ").append(contact.phone());
        }
        for (Map.Entry<String, Object> known : contact.variables().entrySet()) {
            prompt.append("\n- ").append(known.getKey()).append(": ").append(known.getValue());
        }
    }

    private static void appendTools(StringBuilder prompt, List<ToolSpec> tools) {
        if (tools.isEmpty()) {
            return;
        }
        prompt.append("\n\n## Tools\nUse a tool when it helps the person; never invent a tool's result. If a tool "
                + "reports an error, explain it or try another way.");
        for (ToolSpec tool : tools) {
            prompt.append("\n- ").append(tool.name());
            if (!tool.description().isBlank()) {
                prompt.append(": ").append(tool.description().strip());
            }
        }
    }

    private static void appendReferences(StringBuilder prompt, List<FaqEntry> faq) {
        if (faq.isEmpty()) {
            return;
        }
        prompt.append("\n\n## Reference answers\nWhen a question matches one of these, answer from it.");
        for (FaqEntry entry : faq) {
            prompt.append("\n\nQ: ").append(entry.question()).append("\nA: ").append(entry.answer());
        }
    }
}
