package io.parley.bootstrap;

import io.parley.knowledge.KnowledgeSources;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotDraft;
import io.parley.tenancy.Chatbots;
import io.parley.tenancy.FaqEntry;
import io.parley.tenancy.Organization;
import io.parley.tenancy.Organizations;
import io.parley.usage.Plans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo organization and its chatbot, created on the first start so a newcomer can chat right away. It uses
 * the offline model and answers from its FAQ, so it needs no API key. Safe when several nodes start at once. The
 * organization's second chatbot, which runs a flow, is {@link DemoFlowBot}'s.
 */
@Component
class DemoTenant {
    static final String SLUG = "demo";
    static final long LOCK = 0x7061726c6579L; // "parley"

    private final Organizations organizations;
    private final Chatbots chatbots;
    private final KnowledgeSources knowledge;
    private final Plans plans;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final boolean enabled;

    DemoTenant(
            Organizations organizations,
            Chatbots chatbots,
            KnowledgeSources knowledge,
            Plans plans,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            @Value("${parley.demo.enabled:true}") boolean enabled) {
        this.organizations = organizations;
        this.chatbots = chatbots;
        this.knowledge = knowledge;
        this.plans = plans;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.enabled = enabled;
    }

    Optional<Chatbot> ensure() {
        if (!enabled) {
            return Optional.empty();
        }
        return transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)")
                    .param("lock", LOCK)
                    .query()
                    .singleRow();
            Organization demo = organizations.ensureWithSlug(SLUG, "Demo");
            // DemoFlowBot's chatbot is not this one: when it is the only one left, this one is made again.
            Optional<Chatbot> existing = chatbots.list(demo.id()).stream()
                    .filter(bot -> !DemoFlowBot.isIt(bot))
                    .findFirst();
            if (existing.isPresent()) {
                return existing;
            }
            Chatbot created = chatbots.create(demo.id(), demoBot());
            // A sandbox to try things in: no monthly quota should stop a newcomer (the default plan is "free").
            plans.setPlan(demo.id(), "enterprise");
            // Ingested by a job after this commits (local model, offline), so the bot can answer from it.
            knowledge.addText(created.id(), "Parley Demo Shop handbook", handbook());
            return Optional.of(created);
        });
    }

    static String handbook() {
        try (InputStream in = DemoTenant.class.getResourceAsStream("/knowledge/demo-handbook.md")) {
            if (in == null) {
                throw new IllegalStateException("knowledge/demo-handbook.md is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChatbotDraft demoBot() {
        return new ChatbotDraft(
                "Parley Demo",
                "You are the Parley demo assistant. Answer briefly and helpfully about Parley.",
                null,
                null,
                new ChatbotDraft.Model("offline", null, null, null, null, null, null, null, null),
                List.of(
                        new FaqEntry(
                                "Hello",
                                "Hi! I'm the Parley demo assistant. Ask me what Parley is, how to connect "
                                        + "WhatsApp, or how to use a real language model."),
                        new FaqEntry(
                                "What is Parley?",
                                "Parley is an open-source, self-hosted messaging platform: connect "
                                        + "WhatsApp and web chat, put an AI agent behind them, and never lose or duplicate a message."),
                        new FaqEntry(
                                "How do I connect my WhatsApp number?",
                                "Create a channel with POST "
                                        + "/api/v1/chatbots/{botId}/channels (phone number id, access token, app secret, verify token), "
                                        + "then set the webhookUrl the answer shows and the same verify token in your Meta app."),
                        new FaqEntry(
                                "How do I use OpenAI or another real language model?",
                                "Create a chatbot whose model is "
                                        + "{\"provider\": \"openai\", \"name\": \"gpt-4o-mini\", \"apiKey\": \"...\"}; any "
                                        + "OpenAI-compatible server works through baseUrl."),
                        new FaqEntry(
                                "Can Parley lose or duplicate messages?",
                                "No. A webhook is acknowledged only after it "
                                        + "is stored, duplicates are detected by message id, and each message gets exactly one answer "
                                        + "even if Parley is restarted mid-reply."),
                        new FaqEntry(
                                "Where is my data stored?",
                                "In PostgreSQL: an embedded one under ./data by default, or "
                                        + "your own server when PARLEY_DB_URL is set. Credentials are encrypted at rest."),
                        new FaqEntry(
                                "How much does Parley cost?",
                                "Parley is free and open source. You only pay your "
                                        + "providers, such as Meta for WhatsApp conversations and your language model.")));
    }
}
