package io.parley.agent.internal;

import io.parley.agent.AgentRequest;
import io.parley.agent.AgentRequest.HistoryMessage;
import io.parley.agent.PromptReport;
import io.parley.agent.PromptReport.Section;
import io.parley.knowledge.Passage;
import io.parley.llm.ChatMessage;
import io.parley.llm.TokenCounter;
import io.parley.llm.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Fits a turn's prompt into the model's context window by section budgets (ADR 32). The system prompt and the
 * tools are never cut; neither are the messages being answered (the trailing user messages). Of what room is left
 * after them and the reply reserve, knowledge passages come in best first while they stay within the knowledge
 * budget (the lowest-ranked is dropped first), then the older history newest first while it stays within the
 * history budget (the oldest is dropped first, and the history stays one unbroken stretch).
 */
@Component
class PromptFitter {
    /** Role markers and separators the chat format adds around each message (OpenAI documents 3 to 4). */
    static final int MESSAGE_OVERHEAD = 4;
    /** The tokens that open the assistant's reply. */
    static final int REPLY_PRIMING = 3;
    /** A tool definition's JSON wrapping around its name, description and schema. */
    static final int TOOL_OVERHEAD = 8;

    private final PromptAssembler assembler;

    PromptFitter(PromptAssembler assembler) {
        this.assembler = assembler;
    }

    /** The messages to send, the passages they carry, and the plan to record. */
    record FittedPrompt(List<ChatMessage> messages, List<Passage> passages, PromptReport report) {}

    FittedPrompt fit(
            AgentRequest request,
            List<ToolSpec> tools,
            List<Passage> passages,
            PromptBudget budget,
            TokenCounter counter) {
        int system = counter.count(assembler.fixedSystemText(request)) + MESSAGE_OVERHEAD + REPLY_PRIMING;
        int toolTokens = toolTokens(tools, counter);
        int room = Math.max(0, budget.promptLimit() - system - toolTokens);
        List<HistoryMessage> history = request.history();
        int answeringFrom = trailingUserMessages(history);
        int answering = 0;
        for (HistoryMessage message : history.subList(answeringFrom, history.size())) {
            answering += tokens(message, counter);
        }
        List<Passage> kept = new ArrayList<>();
        int knowledge = 0;
        int knowledgeCap = Math.min(budget.knowledge(), room - answering);
        for (Passage passage : passages) {
            int cost = counter.count(assembler.passageText(passage))
                    + (kept.isEmpty() ? counter.count(assembler.knowledgeHeader()) : 0);
            if (knowledge + cost > knowledgeCap) {
                break;
            }
            kept.add(passage);
            knowledge += cost;
        }
        int historyCap = Math.min(budget.history(), room - knowledge);
        int used = answering;
        int start = answeringFrom;
        while (start > 0 && used + tokens(history.get(start - 1), counter) <= historyCap) {
            used += tokens(history.get(--start), counter);
        }
        PromptReport report = new PromptReport(
                budget.contextWindow(),
                counter.method(),
                new PromptReport.Sections(
                        new Section(budget.system(), system, 0),
                        new Section(budget.tools(), toolTokens, 0),
                        new Section(budget.knowledge(), knowledge, passages.size() - kept.size()),
                        new Section(budget.history(), used, start),
                        new Section(budget.replyReserve(), 0, 0)),
                system + toolTokens + knowledge + used,
                null);
        List<HistoryMessage> keptHistory = history.subList(start, history.size());
        return new FittedPrompt(assembler.messages(request, keptHistory, tools, kept), List.copyOf(kept), report);
    }

    private int toolTokens(List<ToolSpec> tools, TokenCounter counter) {
        if (tools.isEmpty()) {
            return 0;
        }
        int tokens = counter.count(assembler.toolsText(tools));
        for (ToolSpec tool : tools) {
            tokens += TOOL_OVERHEAD
                    + counter.count(tool.name())
                    + counter.count(tool.description())
                    + counter.count(tool.parametersSchema());
        }
        return tokens;
    }

    private static int tokens(HistoryMessage message, TokenCounter counter) {
        return counter.count(message.text()) + MESSAGE_OVERHEAD;
    }

    /** Where the messages being answered begin: the burst of user messages at the end. */
    static int trailingUserMessages(List<HistoryMessage> history) {
        int i = history.size();
        while (i > 0 && history.get(i - 1).role() == HistoryMessage.Role.USER) {
            i--;
        }
        return i;
    }
}
