package io.parley.channels.whatsapp.inbound.payload;

import static io.parley.channels.whatsapp.WhatsAppPayloads.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.channels.whatsapp.graph.WaError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhatsAppPayloadParserTest {
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String CUSTOMER = "16505551234";
    private static final String BSUID = "US.13491208655302741918";
    private static final String WAMID_PREFIX = "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUY";

    private final WhatsAppPayloadParser parser = new WhatsAppPayloadParser();

    // ---- inbound message types -------------------------------------------------------------------------

    @Test
    void should_normalize_text_with_sender_and_profile_when_message_is_text() {
        WaInboundMessage message = onlyMessage(parseFixture("text"));

        assertThat(message)
                .isEqualTo(new WaInboundMessage(
                        PHONE_NUMBER_ID,
                        WAMID_PREFIX + "wQTZCRjFGMEE3NzI5MDA4MgA=",
                        CUSTOMER,
                        null,
                        "Sheena Nelson",
                        Instant.ofEpochSecond(1749416383L),
                        "text",
                        "Does it come in another color?",
                        Map.of(),
                        null));
    }

    @Test
    void should_use_caption_as_text_and_flag_forwarding_when_image_has_caption_and_forwarded_context() {
        WaInboundMessage message = onlyMessage(parseFixture("image"));

        assertThat(message.type()).isEqualTo("image");
        assertThat(message.text()).isEqualTo("This is the scratch on the box");
        assertThat(message.details())
                .isEqualTo(Map.of(
                        "id",
                        "1003383421387256",
                        "mime_type",
                        "image/jpeg",
                        "sha256",
                        "8Y1r1xz0GvJYZJfOxdZ7qLyA2W1xZQeC0ax6Lt5aQ0s=",
                        "caption",
                        "This is the scratch on the box",
                        "forwarded",
                        true));
        assertThat(message.contextMessageId()).isNull();
        assertThat(message.timestamp()).isEqualTo(Instant.ofEpochSecond(1749416401L));
    }

    @Test
    void should_render_bracketed_kind_when_video_has_no_caption() {
        WaInboundMessage message = onlyMessage(parseFixture("video"));

        assertThat(message.type()).isEqualTo("video");
        assertThat(message.text()).isEqualTo("[video]");
        assertThat(message.details())
                .isEqualTo(Map.of(
                        "id",
                        "1178445660247392",
                        "mime_type",
                        "video/mp4",
                        "sha256",
                        "H2a4tD0ZbU8sX5Q3m0iH3cW9pV1kK6zQn7yR2eT4uLo="));
    }

    @Test
    void should_mark_voice_message_when_audio_is_a_voice_note() {
        WaInboundMessage message = onlyMessage(parseFixture("audio-voice"));

        assertThat(message.type()).isEqualTo("audio");
        assertThat(message.text()).isEqualTo("[voice message]");
        assertThat(message.details())
                .isEqualTo(Map.of(
                        "id",
                        "2085127281949364",
                        "mime_type",
                        "audio/ogg; codecs=opus",
                        "sha256",
                        "9Uu0ZkF8nYpQ3uJ2xT5rC7dW1aE6sH4gB0vL8mN2oP0=",
                        "voice",
                        true));
    }

    @Test
    void should_render_plain_audio_when_audio_is_not_a_voice_note() {
        String body = fixture("audio-voice").replace("\"voice\": true", "\"voice\": false");

        WaInboundMessage message = onlyMessage(parse(body));

        assertThat(message.text()).isEqualTo("[audio]");
        assertThat(message.details()).containsEntry("voice", false);
    }

    @Test
    void should_render_filename_when_document_has_no_caption() {
        WaInboundMessage message = onlyMessage(parseFixture("document"));

        assertThat(message.type()).isEqualTo("document");
        assertThat(message.text()).isEqualTo("[document: invoice-2025-0612.pdf]");
        assertThat(message.details())
                .containsEntry("filename", "invoice-2025-0612.pdf")
                .containsEntry("mime_type", "application/pdf")
                .containsEntry("id", "1218436419651210")
                .doesNotContainKey("caption");
    }

    @Test
    void should_keep_animated_flag_when_message_is_sticker() {
        WaInboundMessage message = onlyMessage(parseFixture("sticker"));

        assertThat(message.type()).isEqualTo("sticker");
        assertThat(message.text()).isEqualTo("[sticker]");
        assertThat(message.details())
                .containsEntry("animated", false)
                .containsEntry("mime_type", "image/webp")
                .containsEntry("id", "1490862528549237");
    }

    @Test
    void should_render_name_address_and_coordinates_when_message_is_location() {
        WaInboundMessage message = onlyMessage(parseFixture("location"));

        assertThat(message.type()).isEqualTo("location");
        assertThat(message.text())
                .isEqualTo("[location: Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301 (37.483307, -122.148981)]");
        assertThat(message.details())
                .isEqualTo(Map.of(
                        "latitude",
                        37.483307,
                        "longitude",
                        -122.148981,
                        "name",
                        "Philz Coffee",
                        "address",
                        "101 Forest Ave, Palo Alto, CA 94301",
                        "url",
                        "https://www.philzcoffee.com"));
    }

    @Test
    void should_render_only_coordinates_when_location_has_no_name_or_address() {
        String body = fixture("location")
                .replace("\"name\": \"Philz Coffee\",", "")
                .replace("\"address\": \"101 Forest Ave, Palo Alto, CA 94301\",", "");

        WaInboundMessage message = onlyMessage(parse(body));

        assertThat(message.text()).isEqualTo("[location: 37.483307, -122.148981]");
        assertThat(message.details()).doesNotContainKeys("name", "address");
    }

    @Test
    void should_list_every_shared_card_when_message_shares_contacts() {
        WaInboundMessage message = onlyMessage(parseFixture("contacts"));

        assertThat(message.type()).isEqualTo("contacts");
        assertThat(message.text())
                .isEqualTo("[contact: Barbara J. Johnson +1 (415) 555-0123; Pablo Morales +1 (650) 555-0456]");
        assertThat(message.details())
                .isEqualTo(Map.of(
                        "contacts",
                        List.of(
                                Map.of(
                                        "formatted_name",
                                        "Barbara J. Johnson",
                                        "phones",
                                        List.of("+1 (415) 555-0123", "+1 (415) 555-0199"),
                                        "emails",
                                        List.of("bjohnson@example.com")),
                                Map.of(
                                        "formatted_name",
                                        "Pablo Morales",
                                        "phones",
                                        List.of("+1 (650) 555-0456"),
                                        "emails",
                                        List.of()))));
        assertThat(message.profileName()).isEqualTo("Sheena Nelson");
    }

    @Test
    void should_use_reply_title_when_interactive_button_reply() {
        WaInboundMessage message = onlyMessage(parseFixture("interactive-button-reply"));

        assertThat(message.type()).isEqualTo("button_reply");
        assertThat(message.text()).isEqualTo("Change date");
        assertThat(message.details()).isEqualTo(Map.of("id", "change-delivery-date", "title", "Change date"));
        assertThat(message.contextMessageId()).isEqualTo(WAMID_PREFIX + "5QUJCRDI4NzY1NDMyMUE5OQA=");
    }

    @Test
    void should_keep_row_description_when_interactive_list_reply() {
        WaInboundMessage message = onlyMessage(parseFixture("interactive-list-reply"));

        assertThat(message.type()).isEqualTo("list_reply");
        assertThat(message.text()).isEqualTo("Express shipping");
        assertThat(message.details())
                .isEqualTo(Map.of(
                        "id",
                        "priority-express",
                        "title",
                        "Express shipping",
                        "description",
                        "Next day to most US addresses"));
        assertThat(message.contextMessageId()).isEqualTo(WAMID_PREFIX + "7RDlGMzM4QUI1NkUyMTA0MQA=");
    }

    @Test
    void should_parse_response_json_into_a_map_when_flow_reply() {
        WaInboundMessage message = onlyMessage(parseFixture("interactive-nfm-reply"));

        assertThat(message.type()).isEqualTo("flow_reply");
        assertThat(message.text()).isEqualTo("Sent");
        assertThat(message.details())
                .containsEntry("name", "flow")
                .containsEntry("body", "Sent")
                .doesNotContainKey("response_raw");
        assertThat(message.details().get("response"))
                .isEqualTo(Map.of(
                        "flow_token",
                        "flows-builder-7f3a9c",
                        "appointment_date",
                        "2025-06-20",
                        "party_size",
                        4,
                        "newsletter_opt_in",
                        true,
                        "notes",
                        Map.of("allergies", List.of("peanuts"))));
        assertThat(message.contextMessageId()).isEqualTo(WAMID_PREFIX + "9RkQxQjU0QzI4OUE3RTMwNQA=");
    }

    @Test
    void should_keep_raw_response_and_placeholder_text_when_flow_reply_json_is_broken_and_body_missing() {
        String body = fixture("interactive-nfm-reply")
                .replaceAll("\"response_json\": \".*\"", "\"response_json\": \"{not json\"")
                .replace("\"body\": \"Sent\",", "");

        WaInboundMessage message = onlyMessage(parse(body));

        assertThat(message.text()).isEqualTo("[form response]");
        assertThat(message.details()).containsEntry("response_raw", "{not json").doesNotContainKey("response");
    }

    @Test
    void should_map_template_quick_reply_when_message_is_button() {
        WaInboundMessage message = onlyMessage(parseFixture("template-button"));

        assertThat(message.type()).isEqualTo("template_button");
        assertThat(message.text()).isEqualTo("Yes, confirm");
        assertThat(message.details()).isEqualTo(Map.of("payload", "CONFIRM_APPOINTMENT", "text", "Yes, confirm"));
        assertThat(message.contextMessageId()).isEqualTo(WAMID_PREFIX + "BNkE1QzkxMkI0RTdGODNBMgA=");
    }

    @Test
    void should_render_emoji_when_message_is_reaction() {
        WaInboundMessage message = onlyMessage(parseFixture("reaction"));

        assertThat(message.type()).isEqualTo("reaction");
        assertThat(message.text()).isEqualTo("[reaction 👍]");
        assertThat(message.details())
                .isEqualTo(Map.of(
                        "message_id", WAMID_PREFIX + "DQjMxMkM0RTVGNjc4OTBBMQA=", "emoji", "👍", "removed", false));
    }

    @Test
    void should_mark_removed_when_reaction_emoji_is_empty() {
        WaInboundMessage message = onlyMessage(parseFixture("reaction-removed"));

        assertThat(message.text()).isEqualTo("[reaction removed]");
        assertThat(message.details())
                .isEqualTo(Map.of("message_id", WAMID_PREFIX + "DQjMxMkM0RTVGNjc4OTBBMQA=", "removed", true));
    }

    @Test
    void should_mark_removed_when_reaction_emoji_is_absent() {
        String body = fixture("reaction-removed").replace(",\n                  \"emoji\": \"\"", "");

        WaInboundMessage message = onlyMessage(parse(body));

        assertThat(body).doesNotContain("emoji");
        assertThat(message.details()).containsEntry("removed", true);
    }

    @Test
    void should_count_items_and_keep_prices_decimal_when_message_is_order() {
        WaInboundMessage message = onlyMessage(parseFixture("order"));

        assertThat(message.type()).isEqualTo("order");
        assertThat(message.text()).isEqualTo("[order: 2 items] Please leave it with the concierge");
        assertThat(message.details())
                .containsEntry("catalog_id", "194836987003835")
                .containsEntry("text", "Please leave it with the concierge");
        assertThat(message.details().get("items"))
                .isEqualTo(List.of(
                        Map.of(
                                "product_retailer_id",
                                "SKU-CAP-BLUE",
                                "quantity",
                                2,
                                "item_price",
                                new BigDecimal("19.99"),
                                "currency",
                                "USD"),
                        Map.of(
                                "product_retailer_id",
                                "SKU-MUG-01",
                                "quantity",
                                1,
                                "item_price",
                                new BigDecimal("12.50"),
                                "currency",
                                "USD")));
    }

    @Test
    void should_expose_new_ids_when_system_message_reports_changed_number() {
        WaInboundMessage message = onlyMessage(parseFixture("system-user-changed-number"));

        assertThat(message.type()).isEqualTo("system");
        assertThat(message.text()).isEqualTo("User Sheena Nelson changed from 16505551234 to 12195555358");
        assertThat(message.waId()).isEqualTo(CUSTOMER);
        assertThat(message.profileName()).isNull();
        assertThat(message.details())
                .isEqualTo(Map.of(
                        "system_type",
                        "user_changed_number",
                        "body",
                        "User Sheena Nelson changed from 16505551234 to 12195555358",
                        "new_wa_id",
                        "12195555358",
                        "new_user_id",
                        "US.24681357902468135790",
                        "previous_user_id",
                        BSUID));
    }

    @Test
    void should_expose_previous_and_new_bsuids_when_system_message_reports_changed_user_id() {
        WaInboundMessage message = onlyMessage(parseFixture("system-user-changed-user-id"));

        assertThat(message.waId()).isNull();
        assertThat(message.userId()).isEqualTo(BSUID);
        assertThat(message.type()).isEqualTo("system");
        assertThat(message.details())
                .containsEntry("system_type", "user_changed_user_id")
                .containsEntry("new_user_id", "US.97531864209753186420")
                .containsEntry("new_parent_user_id", "US.ENT.11223344556677889900")
                .containsEntry("previous_user_id", BSUID)
                .containsEntry("previous_parent_user_id", "US.ENT.99887766554433221100");
    }

    @Test
    void should_keep_meta_error_when_message_is_unsupported() {
        WaInboundMessage message = onlyMessage(parseFixture("unsupported"));

        assertThat(message.type()).isEqualTo("unsupported");
        assertThat(message.text()).isEqualTo("[unsupported message]");
        assertThat(message.details())
                .isEqualTo(Map.of(
                        "original_type",
                        "unsupported",
                        "errors",
                        List.of(Map.of(
                                "code",
                                131051,
                                "title",
                                "Message type unknown",
                                "message",
                                "Message type unknown",
                                "details",
                                "Message type is currently not supported."))));
    }

    @Test
    void should_record_unsupported_subtype_when_unsupported_names_its_kind() {
        WaInboundMessage message = onlyMessage(parseFixture("unsupported-edit"));

        assertThat(message.details()).containsEntry("unsupported_type", "edit");
        assertThat(message.details().get("errors"))
                .asInstanceOf(LIST)
                .singleElement()
                .asInstanceOf(MAP)
                .containsEntry("code", 131060);
    }

    @Test
    void should_normalize_to_unsupported_when_type_is_unknown() {
        String body = fixture("text").replace("\"type\": \"text\"", "\"type\": \"poll_vote\"");

        WaInboundMessage message = onlyMessage(parse(body));

        assertThat(message.type()).isEqualTo("unsupported");
        assertThat(message.text()).isEqualTo("[unsupported message]");
        assertThat(message.details()).isEqualTo(Map.of("original_type", "poll_vote"));
    }

    @Test
    void should_normalize_to_unsupported_when_interactive_kind_is_unknown() {
        String body = fixture("interactive-button-reply")
                .replace("\"type\": \"button_reply\"", "\"type\": \"call_permission_reply\"");

        WaInboundMessage message = onlyMessage(parse(body));

        assertThat(message.type()).isEqualTo("unsupported");
        assertThat(message.details())
                .containsEntry("original_type", "interactive")
                .containsEntry("interactive_type", "call_permission_reply");
    }

    @Test
    void should_identify_sender_by_bsuid_when_username_user_has_no_phone_number() {
        WaInboundMessage message = onlyMessage(parseFixture("bsuid-username"));

        assertThat(message.waId()).isNull();
        assertThat(message.userId()).isEqualTo(BSUID);
        assertThat(message.profileName()).isEqualTo("Sheena");
        assertThat(message.text()).isEqualTo("Hi! Is the bakery open on Sunday?");
        assertThat(message.details()).isEqualTo(Map.of("username", "@sheena.bakes"));
        assertThat(message.timestamp()).isEqualTo(Instant.ofEpochSecond(1780000000L));
    }

    @Test
    void should_fill_both_ids_when_message_has_phone_and_contact_has_bsuid() {
        String body = fixture("text")
                .replace("\"wa_id\": \"16505551234\"", "\"wa_id\": \"16505551234\", \"user_id\": \"" + BSUID + "\"");

        WaInboundMessage message = onlyMessage(parse(body));

        assertThat(message.waId()).isEqualTo(CUSTOMER);
        assertThat(message.userId()).isEqualTo(BSUID);
        assertThat(message.profileName()).isEqualTo("Sheena Nelson");
    }

    @Test
    void should_expose_quoted_message_when_reply_is_in_context() {
        WaInboundMessage message = onlyMessage(parseFixture("reply-in-context"));

        assertThat(message.contextMessageId()).isEqualTo(WAMID_PREFIX + "LMDk4NzY1NDMyMUZFRENCQQA=");
        assertThat(message.text()).isEqualTo("Yes, the blue one please");
        assertThat(message.details()).doesNotContainKey("forwarded");
    }

    @Test
    void should_keep_ad_referral_when_conversation_starts_from_click_to_whatsapp_ad() {
        WaInboundMessage message = onlyMessage(parseFixture("text-from-ad"));

        assertThat(message.details().get("referral"))
                .asInstanceOf(MAP)
                .containsEntry("source_type", "ad")
                .containsEntry("source_id", "120226305854810726")
                .containsEntry("headline", "Chat with us")
                .containsEntry(
                        "ctwa_clid",
                        "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-ZABCDE");
    }

    @Test
    void should_keep_group_and_forwarding_flags_when_group_message_is_frequently_forwarded() {
        WaInboundMessage message = onlyMessage(parseFixture("group-text"));

        assertThat(message.details())
                .isEqualTo(Map.of(
                        "group_id",
                        "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD",
                        "forwarded",
                        true,
                        "frequently_forwarded",
                        true));
    }

    // ---- statuses --------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "status-sent,      sent,      1749416700",
        "status-delivered, delivered, 1749416702",
        "status-read,      read,      1749416760"
    })
    void should_read_status_when_message_progresses(String fixtureName, String expectedStatus, long epochSeconds) {
        ParsedWebhook parsed = parseFixture(fixtureName);

        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.statuses())
                .containsExactly(new WaStatusUpdate(
                        PHONE_NUMBER_ID,
                        "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI0MzA1NjQyMTJBNkNFQjlCQTUA",
                        expectedStatus,
                        Instant.ofEpochSecond(epochSeconds),
                        CUSTOMER,
                        null,
                        null,
                        List.of()));
    }

    @Test
    void should_carry_code_and_details_when_status_is_failed() {
        WaStatusUpdate status = onlyStatus(parseFixture("status-failed"));

        assertThat(status.status()).isEqualTo("failed");
        assertThat(status.errors())
                .containsExactly(new WaError(
                        131047,
                        "Re-engagement message",
                        "Re-engagement message",
                        "Message failed to send because more than 24 hours have passed since "
                                + "the customer last replied to this number."));
    }

    @Test
    void should_return_our_callback_data_when_status_carries_biz_opaque_callback_data() {
        WaStatusUpdate status = onlyStatus(parseFixture("status-with-callback"));

        assertThat(status.callbackData()).isEqualTo("outbound:0197a3f2-6c1e-7b4d-9a8e-3f5c2d1b0a99");
        assertThat(status.status()).isEqualTo("delivered");
    }

    @Test
    void should_identify_recipient_by_bsuid_when_status_has_no_phone_recipient() {
        WaStatusUpdate status = onlyStatus(parseFixture("status-bsuid-recipient"));

        assertThat(status.recipientId()).isNull();
        assertThat(status.recipientUserId()).isEqualTo(BSUID);
        assertThat(status.timestamp()).isEqualTo(Instant.ofEpochSecond(1780000100L));
    }

    // ---- envelope: batching, problems, other fields --------------------------------------------------------

    @Test
    void should_process_every_entry_change_message_and_status_in_order_when_payload_is_batched() {
        ParsedWebhook parsed = parseFixture("batch");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.messages())
                .extracting(WaInboundMessage::text, WaInboundMessage::waId, WaInboundMessage::profileName)
                .containsExactly(
                        tuple("First in batch", CUSTOMER, "Sheena Nelson"),
                        tuple("[image]", "447700900123", "Oliver Smith"),
                        tuple("Oi, tudo bem?", "5511987654321", "Mariana Costa"),
                        tuple("[reaction ❤️]", "5511987654321", "Mariana Costa"));
        assertThat(parsed.statuses())
                .extracting(WaStatusUpdate::status, WaStatusUpdate::phoneNumberId)
                .containsExactly(
                        tuple("delivered", PHONE_NUMBER_ID),
                        tuple("read", "113269274970227"),
                        tuple("sent", "113269274970227"),
                        tuple("failed", PHONE_NUMBER_ID));
        assertThat(parsed.statuses().getLast().errors())
                .extracting(WaError::code)
                .containsExactly(131026);
    }

    @Test
    void should_record_problems_and_keep_valid_parts_when_some_messages_and_statuses_are_malformed() {
        ParsedWebhook parsed = parseFixture("malformed-message");

        assertThat(parsed.messages())
                .extracting(WaInboundMessage::text)
                .containsExactly("before the broken one", "after the broken one");
        assertThat(parsed.messages().get(1).timestamp()).isNull();
        assertThat(parsed.statuses()).extracting(WaStatusUpdate::status).containsExactly("read");
        assertThat(parsed.problems())
                .extracting(WaProblem::phoneNumberId, WaProblem::reason)
                .containsExactly(
                        tuple(PHONE_NUMBER_ID, "message_without_id"),
                        tuple(PHONE_NUMBER_ID, "message_without_sender"),
                        tuple(PHONE_NUMBER_ID, "status_without_id"));
        assertThat(parsed.problems().getFirst().fragment())
                .isEqualTo("{\"from\":\"***\","
                        + "\"timestamp\":\"1749417101\",\"type\":\"text\",\"text\":{\"body\":\"***\"}}");
    }

    @Test
    void should_truncate_fragment_when_offending_part_is_large() {
        String longField = "x".repeat(5000);
        String body = fixture("text")
                .replace("\"id\": \"wamid.", "\"wamid_missing\": \"wamid.")
                .replace("\"body\":", "\"" + longField + "\":");

        ParsedWebhook parsed = parse(body);

        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.reason()).isEqualTo("message_without_id");
            assertThat(problem.fragment()).hasSize(2000).startsWith("{\"from\":\"***\"");
        });
    }

    @Test
    void should_read_template_status_change_with_business_account_when_field_is_template_status_update() {
        ParsedWebhook parsed = parseFixture("template-status-update");

        assertThat(parsed.ignoredFields()).isEmpty();
        assertThat(parsed.templateStatuses()).singleElement().satisfies(change -> {
            assertThat(change.businessAccountId()).isEqualTo("102290129340398");
            assertThat(change.event()).isEqualTo("APPROVED");
            assertThat(change.providerTemplateId()).isEqualTo("1689556908129832");
            assertThat(change.name()).isEqualTo("order_confirmation");
            assertThat(change.language()).isEqualTo("en_US");
        });
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.statuses()).isEmpty();
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void should_return_empty_result_with_ignored_object_when_object_is_not_whatsapp() {
        String body = fixture("text").replace("\"whatsapp_business_account\"", "\"instagram\"");

        ParsedWebhook parsed = parse(body);

        assertThat(parsed.ignoredFields()).containsExactly("object:instagram");
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void should_record_webhook_error_when_change_carries_value_errors() {
        ParsedWebhook parsed = parseFixture("value-errors");

        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.phoneNumberId()).isEqualTo(PHONE_NUMBER_ID);
            assertThat(problem.reason()).isEqualTo("webhook_error");
            assertThat(problem.fragment()).startsWith("{\"code\":131000,").contains("unknown error");
        });
    }

    @Test
    void should_skip_change_and_keep_other_changes_when_metadata_is_missing() {
        String withoutMetadata = fixture("text")
                .replace("\"phone_number_id\": \"106540352242922\"", "\"phone_number_id_missing\": true");
        String body = WhatsAppPayloads.batch(withoutMetadata, fixture("reaction"));

        ParsedWebhook parsed = parse(body);

        assertThat(parsed.messages()).extracting(WaInboundMessage::type).containsExactly("reaction");
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.phoneNumberId()).isNull();
            assertThat(problem.reason()).isEqualTo("change_without_metadata");
            assertThat(problem.fragment())
                    .contains("\"body\":\"***\"", "\"phone_number_id_missing\":true")
                    .doesNotContain("Does it come in another color?", "16505551234", "Sheena Nelson");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json at all",
                "[{\"object\":\"whatsapp_business_account\"}]",
                "\"a string\"",
                "42",
                "{\"object\": \"whatsapp_business_account\", \"entry\": [",
                ""
            })
    void should_reject_body_when_it_is_not_a_json_object(String body) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(MalformedWebhookException.class)
                .hasFieldOrPropertyWithValue("code", "malformed_webhook");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text",
                "image",
                "video",
                "audio-voice",
                "document",
                "sticker",
                "location",
                "contacts",
                "interactive-button-reply",
                "interactive-list-reply",
                "interactive-nfm-reply",
                "template-button",
                "reaction",
                "reaction-removed",
                "order",
                "system-user-changed-number",
                "system-user-changed-user-id",
                "unsupported",
                "unsupported-edit",
                "bsuid-username",
                "reply-in-context",
                "text-from-ad",
                "group-text",
                "batch"
            })
    void should_expose_only_plain_java_values_in_details_when_fixture_is_parsed(String fixtureName) {
        ParsedWebhook parsed = parseFixture(fixtureName);

        assertThat(parsed.messages()).isNotEmpty().allSatisfy(message -> assertPlain(message.details()));
        assertThat(parsed.problems()).isEmpty();
    }

    // ---- the builder other tests rely on ------------------------------------------------------------------

    @Test
    void should_parse_builder_payloads_when_batched_together() {
        Instant before = Instant.now().minusSeconds(1);
        String body = WhatsAppPayloads.batch(
                WhatsAppPayloads.text(PHONE_NUMBER_ID, CUSTOMER, "wamid.A", "hello \"quoted\""),
                WhatsAppPayloads.textWithProfile(PHONE_NUMBER_ID, CUSTOMER, "Sheena Nelson", "wamid.B", "hi"),
                WhatsAppPayloads.textFromUsername(PHONE_NUMBER_ID, BSUID, "Sheena", "wamid.C", "yo"),
                WhatsAppPayloads.status(PHONE_NUMBER_ID, "wamid.D", "delivered", CUSTOMER),
                WhatsAppPayloads.failedStatus(
                        PHONE_NUMBER_ID,
                        "wamid.E",
                        CUSTOMER,
                        131047,
                        "Re-engagement message",
                        "More than 24 hours have passed"),
                WhatsAppPayloads.statusWithCallback(PHONE_NUMBER_ID, "wamid.F", "sent", CUSTOMER, "out-42"));

        ParsedWebhook parsed = parse(body);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.messages())
                .extracting(
                        WaInboundMessage::wamid,
                        WaInboundMessage::text,
                        WaInboundMessage::waId,
                        WaInboundMessage::userId,
                        WaInboundMessage::profileName)
                .containsExactly(
                        tuple("wamid.A", "hello \"quoted\"", CUSTOMER, null, null),
                        tuple("wamid.B", "hi", CUSTOMER, null, "Sheena Nelson"),
                        tuple("wamid.C", "yo", null, BSUID, "Sheena"));
        assertThat(parsed.messages())
                .allSatisfy(message -> assertThat(message.timestamp()).isAfter(before));
        assertThat(parsed.statuses())
                .extracting(WaStatusUpdate::wamid, WaStatusUpdate::status, WaStatusUpdate::callbackData)
                .containsExactly(
                        tuple("wamid.D", "delivered", null),
                        tuple("wamid.E", "failed", null),
                        tuple("wamid.F", "sent", "out-42"));
        assertThat(parsed.statuses().get(1).errors())
                .containsExactly(new WaError(
                        131047, "Re-engagement message", "Re-engagement message", "More than 24 hours have passed"));
    }

    @Test
    void should_give_distinct_wamids_when_builder_generates_them() {
        WaInboundMessage first = onlyMessage(parse(WhatsAppPayloads.text(CUSTOMER, "one")));
        WaInboundMessage second = onlyMessage(parse(WhatsAppPayloads.text(CUSTOMER, "two")));

        assertThat(first.wamid()).startsWith("wamid.").isNotEqualTo(second.wamid());
        assertThat(first.phoneNumberId()).isEqualTo(PHONE_NUMBER_ID);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private ParsedWebhook parseFixture(String name) {
        return parse(fixture(name));
    }

    private ParsedWebhook parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static WaInboundMessage onlyMessage(ParsedWebhook parsed) {
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.statuses()).isEmpty();
        assertThat(parsed.messages()).hasSize(1);
        return parsed.messages().getFirst();
    }

    private static WaStatusUpdate onlyStatus(ParsedWebhook parsed) {
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.statuses()).hasSize(1);
        return parsed.statuses().getFirst();
    }

    private static void assertPlain(Object value) {
        switch (value) {
            case Map<?, ?> map ->
                map.forEach((key, nested) -> {
                    assertThat(key).isInstanceOf(String.class);
                    assertPlain(nested);
                });
            case List<?> list -> list.forEach(WhatsAppPayloadParserTest::assertPlain);
            default -> assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class);
        }
    }
}
