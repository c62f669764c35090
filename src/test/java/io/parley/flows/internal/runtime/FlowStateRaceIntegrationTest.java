package io.parley.flows.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversation.EngineConflict;
import io.parley.flows.FlowCalls;
import io.parley.flows.engine.FlowInput;
import io.parley.flows.golden.BundledGoldens;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The compare-and-set of spec §4 on PostgreSQL: two workers read the same flow state and work out the same turn; both
 * try to commit at once; one writes its prompt, the other gets a conflict and writes nothing.
 */
class FlowStateRaceIntegrationTest extends IntegrationTestSupport {
    @Autowired
    FlowRunner runner;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void two_workers_on_one_state_send_one_prompt_and_the_other_conflicts() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        GraphFake.acceptSends(bot.phoneNumberId());
        new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN)
                .putYaml(
                        bot.chatbotId(),
                        "tattoo_booking",
                        BundledGoldens.read(BundledGoldens.FLOW)
                                .replace("  reminder: {after: 26h, template: booking_reminder, max: 1}\n", ""));
        api.post(FlowCalls.path(bot.chatbotId(), "tattoo_booking") + "/publish", "");
        api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"flow\", \"flowKey\": \"tattoo_booking\"}");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");
        chat.awaitReceived(2); // the welcome and the first question: the state exists at "dimensions"
        ConversationId conversation = new ConversationId(UUID.fromString(chat.conversationId()));
        OrganizationId organization =
                new OrganizationId(jdbc.sql("select organization_id from conversations where id = :id")
                        .param("id", conversation.value())
                        .query(UUID.class)
                        .single());
        FlowRunner.Subject subject = new FlowRunner.Subject(
                organization, new ChatbotId(UUID.fromString(bot.chatbotId())), conversation, null, null);

        FlowRunner.Prepared first =
                runner.prepare(subject, List.of(FlowInput.Reply.text("10x15"))).orElseThrow();
        FlowRunner.Prepared second =
                runner.prepare(subject, List.of(FlowInput.Reply.text("10x15"))).orElseThrow();
        assertThat(first.seq()).isEqualTo(second.seq());

        CyclicBarrier together = new CyclicBarrier(2);
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger prompts = new AtomicInteger();
        List<CompletableFuture<Void>> workers = List.of(first, second).stream()
                .map(prepared -> CompletableFuture.runAsync(() -> {
                    try {
                        transactions.executeWithoutResult(status -> {
                            await(together);
                            prompts.addAndGet(runner.commit(prepared).messages().size());
                        });
                    } catch (EngineConflict e) {
                        conflicts.incrementAndGet();
                    }
                }))
                .toList();
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();

        assertThat(conflicts).hasValue(1);
        assertThat(prompts).hasValue(1);
        assertThat(jdbc.sql("select seq from flow_states where conversation_id = :id")
                        .param("id", conversation.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(first.seq() + 1);
        assertThat(jdbc.sql("select count(*) from flow_answers where conversation_id = :id and key = 'dimensions'")
                        .param("id", conversation.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
