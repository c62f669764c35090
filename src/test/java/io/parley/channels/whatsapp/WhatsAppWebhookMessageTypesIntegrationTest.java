package io.parley.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Tenants.WhatsAppBot;
import io.parley.testing.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every recorded inbound shape, posted as Meta would, lands as a message of the right type, text and reply need. */
class WhatsAppWebhookMessageTypesIntegrationTest extends IntegrationTestSupport {

    private IngressProbe probe;

    @BeforeEach
    void setUp() {
        probe = new IngressProbe(api, jdbc);
    }

    static Stream<Arguments> recordedShapes() {
        return Stream.of(
                Arguments.of("text", "text", "Does it come in another color?", true),
                Arguments.of("image", "image", "This is the scratch on the box", true),
                Arguments.of("audio-voice", "audio", "[voice message]", true),
                Arguments.of("video", "video", "[video]", true),
                Arguments.of("document", "document", "[document: invoice-2025-0612.pdf]", true),
                Arguments.of("sticker", "sticker", "[sticker]", true),
                Arguments.of(
                        "location",
                        "location",
                        "[location: Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301 (37.483307, -122.148981)]",
                        true),
                Arguments.of(
                        "contacts",
                        "contacts",
                        "[contact: Barbara J. Johnson +1 (415) 555-0123; Pablo Morales +1 (650) 555-0456]",
                        true),
                Arguments.of("interactive-button-reply", "button_reply", "Change date", true),
                Arguments.of("interactive-list-reply", "list_reply", "Express shipping", true),
                Arguments.of("interactive-nfm-reply", "flow_reply", "Sent", true),
                Arguments.of("template-button", "template_button", "Yes, confirm", true),
                Arguments.of("order", "order", "[order: 2 items] Please leave it with the concierge", true),
                Arguments.of("reaction", "reaction", "[reaction 👍]", false),
                Arguments.of("reaction-removed", "reaction", "[reaction removed]", false),
                Arguments.of(
                        "system-user-changed-number",
                        "system",
                        "User Sheena Nelson changed from 16505551234 to 12195555358",
                        false),
                Arguments.of("unsupported", "unsupported", "[unsupported message]", false),
                Arguments.of("unsupported-edit", "unsupported", "[unsupported message]", false));
    }

    @ParameterizedTest(name = "{0} → {1}, needs reply: {3}")
    @MethodSource("recordedShapes")
    void should_store_type_content_and_reply_need_when_a_recorded_shape_arrives(
            String fixture, String type, String content, boolean needsReply) {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String body = WhatsAppPayloads.fixtureFor(fixture, bot.phoneNumberId());
        String wamid = Api.json()
                .readTree(body)
                .at("/entry/0/changes/0/value/messages/0/id")
                .asString();

        Api.Response response = Webhooks.post(api, body, bot.appSecret());

        assertThat(response.status()).isEqualTo(200);
        JsonNode message = probe.onlyUserMessage(bot);
        assertThat(message.path("type").asString()).isEqualTo(type);
        assertThat(message.path("content").asString()).isEqualTo(content);
        assertThat(message.path("providerMessageId").asString()).isEqualTo(wamid);
        assertThat(probe.needsReply(bot, wamid)).isEqualTo(needsReply);
    }

    @Test
    void should_keep_media_reference_and_caption_in_details_when_an_image_arrives() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");

        Webhooks.post(api, WhatsAppPayloads.fixtureFor("image", bot.phoneNumberId()), bot.appSecret());

        JsonNode details = probe.onlyUserMessage(bot).path("details");
        assertThat(details.path("id").asString()).isEqualTo("1003383421387256");
        assertThat(details.path("mime_type").asString()).isEqualTo("image/jpeg");
        assertThat(details.path("caption").asString()).isEqualTo("This is the scratch on the box");
        assertThat(details.path("forwarded").asBoolean()).isTrue();
    }

    @Test
    void should_answer_through_the_model_when_an_image_with_a_caption_arrives() {
        WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Sorry about the scratch, we will send a new box.");

        Webhooks.post(api, WhatsAppPayloads.fixtureFor("image", bot.phoneNumberId()), bot.appSecret());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sends(bot.phoneNumberId()).size() == 1);
        assertThat(bot.llm().requests())
                .singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).contains("This is the scratch on the box"));
        JsonNode sent = Api.json()
                .readTree(GraphFake.sends(bot.phoneNumberId()).getFirst().getBodyAsString());
        assertThat(sent.path("to").asString()).isEqualTo(WhatsAppPayloads.CUSTOMER_WA_ID);
        assertThat(sent.path("text").path("body").asString())
                .isEqualTo("Sorry about the scratch, we will send a new box.");
    }

    @Test
    void should_not_call_the_model_or_send_anything_when_only_reactions_system_and_unsupported_messages_arrive() {
        WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("This must not be sent.");

        for (String fixture : List.of("reaction", "system-user-changed-number", "unsupported")) {
            Api.Response response =
                    Webhooks.post(api, WhatsAppPayloads.fixtureFor(fixture, bot.phoneNumberId()), bot.appSecret());
            assertThat(response.status()).as(fixture).isEqualTo(200);
        }

        assertThat(probe.userMessages(bot))
                .extracting(m -> m.path("type").asString())
                .containsExactlyInAnyOrder("reaction", "system", "unsupported");
        time.advance(PAST_EVERY_RETRY);
        assertThat(bot.llm().requests().isEmpty()
                        && GraphFake.sends(bot.phoneNumberId()).isEmpty()
                        && GraphFake.typingIndicators(bot.phoneNumberId()).isEmpty())
                .isTrue();
    }
}
