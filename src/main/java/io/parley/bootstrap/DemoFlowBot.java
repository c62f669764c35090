package io.parley.bootstrap;

import io.parley.flows.FlowDefinitions;
import io.parley.flows.FlowFormat;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotDraft;
import io.parley.tenancy.ChatbotEngine;
import io.parley.tenancy.ChatbotEngines;
import io.parley.tenancy.Chatbots;
import io.parley.tenancy.FlowCatalog;
import io.parley.tenancy.Organization;
import io.parley.tenancy.Organizations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo organization's second chatbot, "Ink & Needle Studio", which runs the demo copy of the bundled tattoo
 * booking flow ({@code flows/demo/ink_and_needle.yaml}: no calendar tool, no Stripe, no model needed). Ensured on
 * every start: created when the demo organization has no chatbot of that name, the flow saved and published when
 * it has no published version, and the engine switched to the flow while nobody chose one (a chatbot someone
 * switched back to the agent keeps the agent: its {@code flowKey} stays set).
 */
@Component
class DemoFlowBot {
    static final String NAME = "Ink & Needle Studio";
    static final String FLOW_KEY = "tattoo_booking";
    private static final Logger log = LoggerFactory.getLogger(DemoFlowBot.class);

    private final Organizations organizations;
    private final Chatbots chatbots;
    private final FlowDefinitions flows;
    private final ChatbotEngines engines;
    private final FlowCatalog catalog;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final boolean enabled;

    DemoFlowBot(
            Organizations organizations,
            Chatbots chatbots,
            FlowDefinitions flows,
            ChatbotEngines engines,
            FlowCatalog catalog,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            @Value("${parley.demo.enabled:true}") boolean enabled) {
        this.organizations = organizations;
        this.chatbots = chatbots;
        this.flows = flows;
        this.engines = engines;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.enabled = enabled;
    }

    /**
     * Run after {@link DemoTenant#ensure()}, in a transaction of its own: created in the same one, both chatbots would
     * have the same {@code created_at} and "the demo chatbot" (the oldest) would be either.
     */
    Optional<Chatbot> ensure() {
        if (!enabled) {
            return Optional.empty();
        }
        return transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)")
                    .param("lock", DemoTenant.LOCK)
                    .query()
                    .singleRow();
            Organization demo = organizations.ensureWithSlug(DemoTenant.SLUG, "Demo");
            Chatbot bot = chatbots.list(demo.id()).stream()
                    .filter(DemoFlowBot::isIt)
                    .findFirst()
                    .orElseGet(() -> chatbots.create(demo.id(), draft()));
            if (!flows.hasPublished(bot.id(), FLOW_KEY)) {
                flows.save(bot.id(), FLOW_KEY, definition(), FlowFormat.YAML);
                flows.publish(bot.id(), FLOW_KEY);
            }
            if (engines.get(bot.id()).equals(ChatbotEngine.AGENT)) {
                if (catalog.engineAvailable()) {
                    engines.change(bot.id(), new ChatbotEngine(ChatbotEngine.Kind.FLOW, FLOW_KEY));
                } else {
                    log.info(
                            "The flow engine is switched off (PARLEY_FLOWS_ENGINE_ENABLED=false): the demo chatbot"
                                    + " '{}' answers with the agent until it is switched on",
                            NAME);
                }
            }
            return Optional.of(bot);
        });
    }

    static boolean isIt(Chatbot bot) {
        return NAME.equals(bot.name());
    }

    static String definition() {
        try (InputStream in = DemoFlowBot.class.getResourceAsStream("/flows/demo/ink_and_needle.yaml")) {
            if (in == null) {
                throw new IllegalStateException("flows/demo/ink_and_needle.yaml is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model settings of the first demo chatbot: the offline model, so no API key is needed. */
    private static ChatbotDraft draft() {
        return new ChatbotDraft(
                NAME,
                "You are the booking assistant of Ink & Needle Studio, a tattoo studio. Answer briefly.",
                null,
                null,
                new ChatbotDraft.Model("offline", null, null, null, null, null, null, null, null),
                List.of());
    }
}
