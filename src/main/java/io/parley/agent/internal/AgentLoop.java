package io.parley.agent.internal;

import io.parley.agent.AgentReply;
import io.parley.agent.AgentRequest;
import io.parley.agent.PromptReport;
import io.parley.llm.ChatMessage;
import io.parley.llm.ContextPassage;
import io.parley.llm.ModelException;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ModelSpec;
import io.parley.llm.ReferenceAnswer;
import io.parley.llm.TokenCounter;
import io.parley.llm.ToolCall;
import io.parley.llm.ToolSpec;
import io.parley.platform.WorkPermits;
import io.parley.tenancy.Chatbot;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolEffect;
import io.parley.tools.ToolOutcome;
import io.parley.tools.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The agent's turn: call the model; while it asks for tools (and rounds remain), run them and give it the results;
 * stop at its answer, at the round limit, or when a tool hands the conversation to a person. Tool failures are
 * results the model sees, not exceptions; only the model failing ends the loop early ({@link Failure}).
 */
@Component
public class AgentLoop {
    private final ModelCaller models;
    private final Tools tools;
    private final Retrieval retrieval;
    private final PromptFitter fitter;

    AgentLoop(ModelCaller models, Tools tools, Retrieval retrieval, PromptFitter fitter) {
        this.models = models;
        this.tools = tools;
        this.retrieval = retrieval;
        this.fitter = fitter;
    }

    /** The model failed; carries what the turn consumed until then. */
    public static final class Failure extends RuntimeException {
        private final ModelException cause;
        private final Usage usage;

        Failure(ModelException cause, Usage usage) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
            this.usage = usage;
        }

        public ModelException modelException() {
            return cause;
        }

        public int tokensIn() {
            return usage.in;
        }

        public int tokensOut() {
            return usage.out;
        }

        public PromptReport prompt() {
            return usage.report();
        }
    }

    public AgentReply run(AgentRequest request) {
        return run(request, null);
    }

    /** @param tokens receives the text the model streams (null: no streaming); tool-call rounds show none */
    public AgentReply run(AgentRequest request, Consumer<String> tokens) {
        Chatbot chatbot = request.chatbot();
        List<ToolSpec> available = tools.toolsFor(chatbot.id());
        ModelSpec spec = models.primary(chatbot);
        PromptFitter.FittedPrompt prompt = fitter.fit(
                request,
                available,
                retrieval.passagesFor(request),
                PromptBudget.forChatbot(chatbot),
                TokenCounter.forModel(spec.provider(), spec.name()));
        List<ChatMessage> messages = new ArrayList<>(prompt.messages());
        List<ContextPassage> context = prompt.passages().stream()
                .map(p -> new ContextPassage(p.text(), p.sourceName(), p.score()))
                .toList();
        List<ReferenceAnswer> references = chatbot.faq().stream()
                .map(f -> new ReferenceAnswer(f.question(), f.answer()))
                .toList();
        RoundPolicy policy = new RoundPolicy(chatbot.model().maxToolRounds());
        Usage usage = new Usage(prompt.report());
        for (int round = 1; ; round++) {
            ModelReply reply =
                    call(chatbot, new ModelRequest(spec, messages, references, available, context), usage, tokens);
            if (!reply.wantsTools()) {
                return finalReply(chatbot, reply, usage, round - 1);
            }
            if (!policy.mayRunAnotherRound(round - 1)) {
                return new AgentReply(
                        chatbot.fallbackMessages().maxRounds(),
                        AgentReply.Outcome.FALLBACK,
                        "max_tool_rounds",
                        reply.provider(),
                        reply.model(),
                        usage.in,
                        usage.out,
                        round - 1,
                        false,
                        usage.report());
            }
            messages.add(ChatMessage.assistantCalling(reply.text(), reply.toolCalls()));
            for (ToolCall call : reply.toolCalls()) {
                ToolContext toolContext = new ToolContext(
                        chatbot.organizationId(), chatbot.id(), request.conversationId(), request.contactId(), round);
                // a tool server may take its whole timeout: the turn waits without its work permit
                ToolOutcome outcome = WorkPermits.waiting(() -> tools.execute(toolContext, call));
                messages.add(ChatMessage.toolResult(call, outcome.forModel()));
                if (outcome.effect() instanceof ToolEffect.Handover) {
                    return new AgentReply(
                            chatbot.fallbackMessages().handover(),
                            AgentReply.Outcome.ANSWERED,
                            null,
                            reply.provider(),
                            reply.model(),
                            usage.in,
                            usage.out,
                            round,
                            true,
                            usage.report());
                }
            }
        }
    }

    private ModelReply call(Chatbot chatbot, ModelRequest request, Usage usage, Consumer<String> tokens) {
        try {
            ModelReply reply = models.call(chatbot, request, tokens);
            if (usage.firstIn == null) {
                usage.firstIn = reply.inputTokens();
            }
            usage.in += reply.inputTokens();
            usage.out += reply.outputTokens();
            return reply;
        } catch (ModelException e) {
            throw new Failure(e, usage);
        }
    }

    private static AgentReply finalReply(Chatbot chatbot, ModelReply reply, Usage usage, int rounds) {
        if (!reply.answered() || reply.text().isBlank()) {
            return new AgentReply(
                    chatbot.fallbackMessages().unknown(),
                    AgentReply.Outcome.NO_ANSWER,
                    "no_answer",
                    reply.provider(),
                    reply.model(),
                    usage.in,
                    usage.out,
                    rounds,
                    false,
                    usage.report());
        }
        return new AgentReply(
                reply.text().strip(),
                AgentReply.Outcome.ANSWERED,
                null,
                reply.provider(),
                reply.model(),
                usage.in,
                usage.out,
                rounds,
                false,
                usage.report());
    }

    /** What the turn consumed so far, and its prompt plan. */
    static final class Usage {
        private final PromptReport plan;
        private int in;
        private int out;
        /** The provider's count of the first request, the one the plan describes. */
        private Integer firstIn;

        Usage(PromptReport plan) {
            this.plan = plan;
        }

        PromptReport report() {
            return plan.answered(firstIn, out);
        }
    }
}
