package io.parley.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.IngressProbe.SentReply;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Tenants.WhatsAppBot;
import io.parley.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Status webhooks for a reply we sent. Meta guarantees no order and may report delivered and failed for one message
 * (several devices), so delivery status only moves forward: sent < failed < delivered < read.
 */
class WhatsAppWebhookStatusIntegrationTest extends IntegrationTestSupport {
    private static final String CUSTOMER = "15551239001";
    private static final String UNDELIVERABLE =
            "Unable to deliver the message. This can include a recipient that " + "is not on WhatsApp.";

    private IngressProbe probe;

    @BeforeEach
    void setUp() {
        probe = new IngressProbe(api, jdbc);
    }

    @Test
    void should_only_move_forward_when_statuses_arrive_out_of_order() {
        WhatsAppBot bot = Tenants.openAiBot(api);
        SentReply reply = probe.textAnsweredAndSent(bot, CUSTOMER);

        postStatus(bot, reply, "delivered");
        assertThat(status(reply)).isEqualTo("delivered");
        postStatus(bot, reply, "sent");
        assertThat(status(reply))
                .as("a late 'sent' is a regression and ignored")
                .isEqualTo("delivered");
        postStatus(bot, reply, "read");
        assertThat(status(reply)).isEqualTo("read");
        postStatus(bot, reply, "delivered");
        assertThat(status(reply)).isEqualTo("read");
        assertThat(probe.delivery(reply.conversationId())
                        .path("providerMessageId")
                        .asString())
                .isEqualTo(reply.outboundWamid());
    }

    @Test
    void should_record_failure_with_metas_error_code_when_failed_follows_sent() {
        WhatsAppBot bot = Tenants.openAiBot(api);
        SentReply reply = probe.textAnsweredAndSent(bot, CUSTOMER);

        Api.Response response = Webhooks.post(
                api,
                WhatsAppPayloads.failedStatus(
                        bot.phoneNumberId(),
                        reply.outboundWamid(),
                        CUSTOMER,
                        131026,
                        "Message undeliverable",
                        UNDELIVERABLE),
                bot.appSecret());

        // (A reported 131047 ends as window_closed instead: ReportedFailuresIntegrationTest.)
        assertThat(response.status()).isEqualTo(200);
        JsonNode delivery = probe.delivery(reply.conversationId());
        assertThat(delivery.path("status").asString()).isEqualTo("failed");
        assertThat(delivery.path("error").path("code").asString()).isEqualTo("131026");
        assertThat(delivery.path("error").path("message").asString()).isEqualTo(UNDELIVERABLE);
    }

    @Test
    void should_stay_delivered_when_failed_arrives_after_delivered() {
        WhatsAppBot bot = Tenants.openAiBot(api);
        SentReply reply = probe.textAnsweredAndSent(bot, CUSTOMER);
        postStatus(bot, reply, "delivered");

        Webhooks.post(
                api,
                WhatsAppPayloads.failedStatus(
                        bot.phoneNumberId(),
                        reply.outboundWamid(),
                        CUSTOMER,
                        131026,
                        "Message undeliverable",
                        "Message Undeliverable."),
                bot.appSecret());

        assertThat(status(reply)).isEqualTo("delivered");
    }

    @Test
    void should_match_the_status_by_callback_data_when_its_wamid_was_never_stored() {
        WhatsAppBot bot = Tenants.openAiBot(api);
        SentReply reply = probe.textAnsweredAndSent(bot, CUSTOMER);
        String strangerWamid = WhatsAppPayloads.newWamid();

        Webhooks.post(
                api,
                WhatsAppPayloads.status(bot.phoneNumberId(), strangerWamid, "delivered", CUSTOMER),
                bot.appSecret());
        assertThat(status(reply))
                .as("without callback data, an unknown wamid matches nothing")
                .isEqualTo("sent");

        Api.Response response = Webhooks.post(
                api,
                WhatsAppPayloads.statusWithCallback(
                        bot.phoneNumberId(), strangerWamid, "delivered", CUSTOMER, reply.callbackData()),
                bot.appSecret());

        assertThat(response.status()).isEqualTo(200);
        JsonNode delivery = probe.delivery(reply.conversationId());
        assertThat(delivery.path("status").asString()).isEqualTo("delivered");
        assertThat(delivery.path("providerMessageId").asString())
                .as("the id Graph answered with is kept")
                .isEqualTo(reply.outboundWamid());
    }

    @Test
    void should_not_touch_another_tenants_message_when_a_status_names_its_wamid_and_callback() {
        WhatsAppBot owner = Tenants.openAiBot(api);
        WhatsAppBot other = Tenants.offlineBot(api, "[]");
        SentReply reply = probe.textAnsweredAndSent(owner, CUSTOMER);

        Api.Response response = Webhooks.post(
                api,
                WhatsAppPayloads.statusWithCallback(
                        other.phoneNumberId(), reply.outboundWamid(), "read", CUSTOMER, reply.callbackData()),
                other.appSecret());

        assertThat(response.status()).isEqualTo(200);
        assertThat(status(reply)).isEqualTo("sent");
    }

    private void postStatus(WhatsAppBot bot, SentReply reply, String status) {
        Api.Response response = Webhooks.post(
                api,
                WhatsAppPayloads.status(bot.phoneNumberId(), reply.outboundWamid(), status, CUSTOMER),
                bot.appSecret());
        assertThat(response.status()).as(status).isEqualTo(200);
    }

    private String status(SentReply reply) {
        return probe.delivery(reply.conversationId()).path("status").asString();
    }
}
