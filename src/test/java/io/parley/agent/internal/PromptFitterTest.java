package io.parley.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.agent.AgentRequest;
import io.parley.agent.AgentRequest.HistoryMessage;
import io.parley.agent.AgentRequest.HistoryMessage.Role;
import io.parley.agent.PromptReport;
import io.parley.knowledge.Passage;
import io.parley.llm.ChatMessage;
import io.parley.llm.TokenCounter;
import io.parley.llm.ToolSpec;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.PromptBudgetSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PromptFitterTest {
    private static final TokenCounter COUNTER = TokenCounter.forModel("openai", "gpt-4o-mini");
    private final PromptAssembler assembler = new PromptAssembler();
    private final PromptFitter fitter = new PromptFitter(assembler);

    @Test
    void should_send_everything_and_record_what_each_section_took_when_it_fits() {
        AgentRequest request = request(PromptBudgetSettings.DEFAULTS, history(4, 1));
        List<Passage> passages = List.of(passage("Opening hours: 9 to 18.", 0.9));
        PromptBudget budget = PromptBudget.forChatbot(request.chatbot());

        PromptFitter.FittedPrompt fitted = fitter.fit(request, List.of(), passages, budget, COUNTER);

        assertThat(fitted.messages()).hasSize(6);
        assertThat(fitted.passages()).isEqualTo(passages);
        PromptReport report = fitted.report();
        assertThat(report.contextWindow()).isEqualTo(128_000);
        assertThat(report.counting()).isEqualTo("o200k_base");
        PromptReport.Sections s = report.sections();
        assertThat(s.history()).isEqualTo(new PromptReport.Section(budget.history(), tokens(request.history()), 0));
        assertThat(s.knowledge().actual())
                .isEqualTo(COUNTER.count(assembler.knowledgeHeader())
                        + COUNTER.count(assembler.passageText(passages.getFirst())));
        assertThat(s.system().actual())
                .isEqualTo(COUNTER.count(assembler.fixedSystemText(request))
                        + PromptFitter.MESSAGE_OVERHEAD
                        + PromptFitter.REPLY_PRIMING);
        assertThat(s.tools()).isEqualTo(new PromptReport.Section(budget.tools(), 0, 0));
        assertThat(s.reply()).isEqualTo(new PromptReport.Section(4_096, 0, 0));
        assertThat(report.promptTokens())
                .isEqualTo(s.system().actual()
                        + s.knowledge().actual()
                        + s.history().actual());
    }

    @Test
    void should_drop_the_oldest_history_first_and_keep_the_messages_being_answered() {
        List<HistoryMessage> history = history(4, 2);
        int fits = tokens(history.subList(3, 6));
        AgentRequest request = request(new PromptBudgetSettings(null, null, null, null, fits, null), history);

        PromptFitter.FittedPrompt fitted = fit(request, List.of());

        assertThat(texts(fitted.messages()).subList(1, 4)).isEqualTo(texts(history.subList(3, 6)));
        assertThat(fitted.messages()).hasSize(4);
        assertThat(fitted.report().sections().history()).isEqualTo(new PromptReport.Section(fits, fits, 3));
    }

    @Test
    void should_keep_the_messages_being_answered_even_past_the_history_budget() {
        List<HistoryMessage> history = history(2, 2);
        AgentRequest request = request(new PromptBudgetSettings(null, null, null, null, 10, null), history);

        PromptFitter.FittedPrompt fitted = fit(request, List.of());

        assertThat(texts(fitted.messages()).subList(1, 3)).isEqualTo(texts(history.subList(2, 4)));
        assertThat(fitted.messages()).hasSize(3);
        assertThat(fitted.report().sections().history().dropped()).isEqualTo(2);
        assertThat(fitted.report().sections().history().actual()).isGreaterThan(10);
    }

    @Test
    void should_drop_the_lowest_ranked_passages_first_to_fit_the_knowledge_budget() {
        List<Passage> passages = List.of(
                passage("Best: we open at nine.", 0.9),
                passage("Second: we close at six.", 0.7),
                passage("Third: parking is free.", 0.4));
        int twoFit = COUNTER.count(assembler.knowledgeHeader())
                + COUNTER.count(assembler.passageText(passages.get(0)))
                + COUNTER.count(assembler.passageText(passages.get(1)));
        AgentRequest request = request(new PromptBudgetSettings(null, null, null, twoFit, null, null), history(0, 1));

        PromptFitter.FittedPrompt fitted = fit(request, passages);

        assertThat(fitted.passages()).isEqualTo(passages.subList(0, 2));
        assertThat(fitted.messages().getFirst().text())
                .contains("Best: we open at nine.", "Second: we close at six.")
                .doesNotContain("Third");
        assertThat(fitted.report().sections().knowledge()).isEqualTo(new PromptReport.Section(twoFit, twoFit, 1));
    }

    @Test
    void should_never_cut_the_system_prompt_but_leave_out_knowledge_and_older_history_when_it_fills_the_window() {
        String longPrompt = "Answer politely. " + " rule".repeat(3_000);
        AgentRequest request =
                request(new PromptBudgetSettings(2_048, null, null, null, null, null), history(4, 1), longPrompt);

        PromptFitter.FittedPrompt fitted = fit(request, List.of(passage("Opening hours: 9 to 18.", 0.9)));

        assertThat(fitted.messages().getFirst().text()).startsWith(longPrompt.strip());
        assertThat(fitted.messages()).hasSize(2);
        assertThat(fitted.passages()).isEmpty();
        PromptReport.Sections s = fitted.report().sections();
        assertThat(s.system().actual()).isGreaterThan(s.system().planned());
        assertThat(s.knowledge().dropped()).isEqualTo(1);
        assertThat(s.history().dropped()).isEqualTo(4);
    }

    @Test
    void should_count_the_tools_and_leave_less_room_for_history() {
        List<ToolSpec> tools = List.of(new ToolSpec(
                "lookup_order",
                "Finds an order by its number",
                "{\"type\":\"object\",\"properties\":{\"number\":{\"type\":\"string\"}}}"));
        List<HistoryMessage> history = history(4, 1);
        AgentRequest request = request(new PromptBudgetSettings(null, null, null, null, null, null), history);
        PromptBudget budget = PromptBudget.forChatbot(request.chatbot());
        int system = COUNTER.count(assembler.fixedSystemText(request))
                + PromptFitter.MESSAGE_OVERHEAD
                + PromptFitter.REPLY_PRIMING;
        int toolTokens = fitter.fit(request, tools, List.of(), budget, COUNTER)
                .report()
                .sections()
                .tools()
                .actual();
        // A window that leaves room for the tools and exactly the last three messages.
        int window = budget.replyReserve() + system + toolTokens + tokens(history.subList(2, 5));
        AgentRequest tight =
                request(new PromptBudgetSettings(window, null, null, null, window, budget.replyReserve()), history);

        PromptFitter.FittedPrompt fitted =
                fitter.fit(tight, tools, List.of(), PromptBudget.forChatbot(tight.chatbot()), COUNTER);

        assertThat(toolTokens).isGreaterThan(PromptFitter.TOOL_OVERHEAD);
        assertThat(fitted.messages()).hasSize(4);
        assertThat(fitted.report().sections().history().dropped()).isEqualTo(2);
        assertThat(fitted.report().promptTokens()).isEqualTo(window - budget.replyReserve());
    }

    private PromptFitter.FittedPrompt fit(AgentRequest request, List<Passage> passages) {
        return fitter.fit(request, List.of(), passages, PromptBudget.forChatbot(request.chatbot()), COUNTER);
    }

    private static AgentRequest request(PromptBudgetSettings budget, List<HistoryMessage> history) {
        return request(budget, history, "You are a helpful assistant.");
    }

    private static AgentRequest request(PromptBudgetSettings budget, List<HistoryMessage> history, String prompt) {
        Chatbot bot = PromptBudgetTest.bot("openai", "gpt-4o-mini", null, budget);
        Chatbot withPrompt = new Chatbot(
                bot.id(),
                bot.organizationId(),
                bot.name(),
                prompt,
                null,
                bot.fallbackMessages(),
                bot.model(),
                List.of(),
                bot.createdAt(),
                null,
                budget,
                true,
                null);
        return new AgentRequest(
                withPrompt,
                new ConversationId(UUID.randomUUID()),
                new ContactId(UUID.randomUUID()),
                new AgentRequest.ContactContext("Ana", null, Map.of()),
                io.parley.platform.channel.ChannelType.WHATSAPP,
                history);
    }

    /** {@code older} alternating messages, then a burst of {@code answering} user messages; ~25 tokens each. */
    private static List<HistoryMessage> history(int older, int answering) {
        List<HistoryMessage> history = new ArrayList<>();
        for (int i = 0; i < older; i++) {
            history.add(new HistoryMessage(i % 2 == 0 ? Role.USER : Role.ASSISTANT, "older " + i + " word".repeat(20)));
        }
        if (!history.isEmpty() && history.getLast().role() == Role.USER) {
            history.add(new HistoryMessage(Role.ASSISTANT, "separator" + " word".repeat(20)));
        }
        for (int i = 0; i < answering; i++) {
            history.add(new HistoryMessage(Role.USER, "question " + i + " word".repeat(20)));
        }
        return history;
    }

    private static int tokens(List<HistoryMessage> messages) {
        return messages.stream()
                .mapToInt(m -> COUNTER.count(m.text()) + PromptFitter.MESSAGE_OVERHEAD)
                .sum();
    }

    private static List<String> texts(List<?> messages) {
        return messages.stream()
                .map(m -> m instanceof ChatMessage c ? c.text() : ((HistoryMessage) m).text())
                .toList();
    }

    private static Passage passage(String text, double score) {
        return new Passage(text, score, UUID.randomUUID(), "Handbook", "file", Map.of());
    }
}
