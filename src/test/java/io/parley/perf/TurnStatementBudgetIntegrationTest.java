package io.parley.perf;

import static io.parley.perf.TurnStatements.Measure.COMMITS;
import static io.parley.perf.TurnStatements.Measure.DELIVERY;
import static io.parley.perf.TurnStatements.Measure.INGEST;
import static io.parley.perf.TurnStatements.Measure.OTHER;
import static io.parley.perf.TurnStatements.Measure.ROUND_TRIPS;
import static io.parley.perf.TurnStatements.Measure.SCHEDULER;
import static io.parley.perf.TurnStatements.Measure.STATUS;
import static io.parley.perf.TurnStatements.Measure.TOTAL;
import static io.parley.perf.TurnStatements.Measure.TURN;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.perf.TurnStatements.Measure;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.StatementCounter;
import io.parley.testing.StatementCounting;
import io.parley.testing.StatementCounts;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The database statements one answered WhatsApp message costs, held to a budget: a regression check of round trips
 * that cannot flake, because it counts (through a JDBC proxy, {@link StatementCounting}) instead of timing.
 *
 * <p>{@value #CONVERSATIONS} contacts each write once through the real path: a signed webhook, the turn job on the
 * OpenAI-compatible fake, the delivery job sending to the Graph fake, then Meta's three status webhooks (sent,
 * delivered, read) for the reply. Each phase's statements divided by the number of turns must stay within
 * {@link #BUDGET}. A failure lists the phase's statements (normalised SQL → count per turn, with the Parley methods
 * that sent them); {@code -Dparley.statements.print=true} prints every phase's table (docs/testing.md).
 *
 * <p>What counts (see {@link StatementCounter} for how a statement is attributed):
 *
 * <ul>
 *   <li><b>ingest</b>, <b>status</b>: everything Parley sends while the message (status) webhooks are posted and
 *       acknowledged, one after another, and the jobs they make due have run;
 *   <li><b>turn</b>, <b>delivery</b>: the statements of the {@code turn} and {@code deliver} tasks while the clock
 *       moves past the debounce;
 *   <li><b>scheduler</b>: db-scheduler's bookkeeping per executed job (removing or rescheduling the execution after
 *       its task returned) — per-turn work, counted apart. Scheduling a job ({@code Jobs.scheduleIfAbsent}) is the
 *       caller's statement and counts in the caller's phase;
 *   <li><b>other</b>: any other job or thread while turns ran (nothing today);
 *   <li>not counted: db-scheduler's polling (lock-and-fetch, heartbeats: calls from db-scheduler with no Parley method
 *       on the stack, outside an execution), whose number depends on timing and which picks many executions at once,
 *       and recurring housekeeping tasks (reaper, sweeps), which run on a timer, not per turn; nor the test's own
 *       queries.
 * </ul>
 *
 * <p>Deterministic (the same counts on every run, checked over 15 rounds in 3 JVMs): webhooks are posted one at a
 * time, so a group commit never shares a transaction by chance; the clock is frozen, so nothing becomes due by
 * itself and caches that expire do so on Parley's clock; pacing has room for a whole round (a paced send is
 * rescheduled with jitter). {@value #WARM_UP} conversations run first, uncounted: a chatbot's first turn also
 * builds its knowledge index, reads its embedding settings, channel credentials and pacing rate, records the
 * once-per-period {@code usage.unpriced} event, and its FAQ's ingestion job runs — work of a chatbot's first turn,
 * not of every turn.
 */
@Import(StatementCounting.class)
// A number may send rate/20 messages at once (Pacer): 50, room for a whole round without waiting for a token.
@TestPropertySource(properties = "parley.delivery.pacing.account-messages-per-second=1000")
class TurnStatementBudgetIntegrationTest extends TimeTestSupport {
    /**
     * Per answered turn: statements per phase, and commits and round trips (statements, commits, rollbacks) over all
     * phases. The counts measured on 2026-12-07; lower a number when you cut round trips (the test prints which can
     * be), and raise one only with a reason in the commit message.
     */
    private static final Map<Measure, Double> BUDGET = new EnumMap<>(Map.of(
            INGEST, 11.0,
            TURN, 17.0,
            DELIVERY, 4.0,
            STATUS, 3.0,
            SCHEDULER, 2.0,
            OTHER, 0.0,
            TOTAL, 37.0,
            COMMITS, 6.0,
            ROUND_TRIPS, 43.0));

    private static final int WARM_UP = 3;
    private static final int CONVERSATIONS = 20;
    private static final List<String> STATUSES = List.of("sent", "delivered", "read");
    private static final String REPLY = "Happy to help.";

    @Autowired
    private StatementCounter counter;

    @Test
    void should_stay_within_the_statement_budget_when_whatsapp_conversations_are_answered() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies(REPLY);
        answer(bot, 0, WARM_UP);

        TurnStatements measured = answer(bot, WARM_UP, CONVERSATIONS);

        System.out.println(measured.summary());
        for (Measure phase : List.of(INGEST, TURN, DELIVERY, STATUS, SCHEDULER, COMMITS)) {
            // A counter that saw nothing would pass any budget.
            assertThat(measured.perTurn(phase)).as("%s counted", phase).isPositive();
        }
        if (Boolean.getBoolean("parley.statements.print")) {
            System.out.println(measured.fullTable());
        }
        List<String> over = new ArrayList<>();
        BUDGET.forEach((measure, budget) -> {
            double perTurn = measured.perTurn(measure);
            if (perTurn > budget) {
                over.add(measure + " " + TurnStatements.format(perTurn) + " > budget " + budget + System.lineSeparator()
                        + measured.breakdown(measure));
            } else if (Math.ceil(perTurn) < budget) {
                System.out.println("budget of " + measure + " can be lowered: " + budget + " -> " + Math.ceil(perTurn));
            }
        });
        assertThat(over)
                .as("per-turn database work over budget%n%s%n", measured.summary())
                .isEmpty();
    }

    /** {@code count} new contacts write once each, are answered once each, and read the reply. */
    private TurnStatements answer(Tenants.WhatsAppBot bot, int first, int count) {
        List<WhatsAppChat> chats = IntStream.range(first, first + count)
                .mapToObj(i -> WhatsAppChat.start(api, bot, "1555010%04d".formatted(i)))
                .toList();
        StatementCounts ingest = counter.during(() -> chats.forEach(chat -> chat.says("Where is my order?")));
        StatementCounts turns = counter.during(() -> time.advance(DEBOUNCE));
        chats.forEach(chat -> assertThat(chat.received()).as(chat.waId()).containsExactly(REPLY));
        List<SentReply> replies =
                chats.stream().map(chat -> sentReply(bot, chat)).toList();
        StatementCounts statuses = counter.during(() -> {
            for (SentReply reply : replies) {
                STATUSES.forEach(status -> postStatus(bot, reply, status));
            }
            time.runDue();
        });
        replies.forEach(
                reply -> assertThat(deliveryStatus(reply)).as(reply.waId()).isEqualTo("read"));
        assertThat(bot.llm().requests()).hasSize(first + count);
        return new TurnStatements(ingest, turns, statuses, count);
    }

    private record SentReply(String waId, String outboundId, String wamid) {}

    private SentReply sentReply(Tenants.WhatsAppBot bot, WhatsAppChat chat) {
        String outboundId = GraphFake.sends(bot.phoneNumberId()).stream()
                .map(request -> Api.json().readTree(request.getBodyAsString()))
                .filter(body -> chat.waId().equals(body.path("to").asString()))
                .map(body -> body.path("biz_opaque_callback_data").asString())
                .findFirst()
                .orElseThrow();
        String wamid = jdbc.sql("select provider_message_id from outbound_messages where id = cast(:id as uuid)")
                .param("id", outboundId)
                .query(String.class)
                .single();
        return new SentReply(chat.waId(), outboundId, wamid);
    }

    private void postStatus(Tenants.WhatsAppBot bot, SentReply reply, String status) {
        Api.Response ack = Webhooks.post(
                api,
                WhatsAppPayloads.statusWithCallback(
                        bot.phoneNumberId(), reply.wamid(), status, reply.waId(), reply.outboundId()),
                bot.appSecret());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    }

    private String deliveryStatus(SentReply reply) {
        return jdbc.sql("select status from outbound_messages where id = cast(:id as uuid)")
                .param("id", reply.outboundId())
                .query(String.class)
                .single();
    }
}
