package io.parley.channels.whatsapp.inbound.payload;

import static io.parley.channels.whatsapp.WhatsAppPayloads.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * U+0000 is stored by PostgreSQL neither in text nor in jsonb: the parser drops it from every string it returns
 * (texts, captions, profile names, filenames, titles, locations, contact cards, reactions, errors, keys ...).
 */
class WhatsAppPayloadNulTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final WhatsAppPayloadParser parser = new WhatsAppPayloadParser();

    /** Every recorded message kind with a NUL before, inside and after every string reads as if it had none. */
    @ParameterizedTest(name = "{0}")
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
                "text-from-ad",
                "reply-in-context",
                "group-text",
                "bsuid-username",
                "status-failed",
                "status-with-callback",
                "value-errors",
                "malformed-message",
                "template-status-update",
                "batch"
            })
    void should_read_every_string_without_nul_when_a_webhook_is_full_of_them(String fixture) {
        String original = fixture(fixture);
        JsonNode poisoned = JSON.readTree(original);
        addNulToEveryString(poisoned);
        String withNul = JSON.writeValueAsString(poisoned);
        assertThat(withNul).contains("\\u0000");

        ParsedWebhook parsed = parser.parse(withNul.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed).isEqualTo(parser.parse(original.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void should_drop_nul_from_keys_when_an_object_is_kept_as_it_came() {
        String body = fixture("text-from-ad").replace("\"headline\"", "\"head\\u0000line\"");

        WaInboundMessage message =
                parser.parse(body.getBytes(StandardCharsets.UTF_8)).messages().getFirst();

        assertThat(((Map<?, ?>) message.details().get("referral")).keySet())
                .extracting(Object::toString)
                .contains("headline")
                .noneMatch(key -> key.indexOf('\0') >= 0);
    }

    @Test
    void should_ignore_a_timestamp_postgresql_cannot_store_when_it_is_absurd() {
        String body = fixture("text").replaceAll("\"timestamp\": \"\\d+\"", "\"timestamp\": \"9999999999999\"");

        WaInboundMessage message =
                parser.parse(body.getBytes(StandardCharsets.UTF_8)).messages().getFirst();

        assertThat(message.timestamp()).isNull();
        assertThat(parser.parse(fixture("text").getBytes(StandardCharsets.UTF_8))
                        .messages()
                        .getFirst()
                        .timestamp())
                .isEqualTo(Instant.ofEpochSecond(1749416383L));
    }

    private static void addNulToEveryString(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String key : object.propertyNames().stream().toList()) {
                JsonNode value = object.get(key);
                if (value.isString()) {
                    object.put(key, poisoned(value.asString()));
                } else {
                    addNulToEveryString(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isString()) {
                    array.set(i, array.stringNode(poisoned(value.asString())));
                } else {
                    addNulToEveryString(value);
                }
            }
        }
    }

    private static String poisoned(String value) {
        int middle = value.offsetByCodePoints(0, value.codePointCount(0, value.length()) / 2);
        return "\u0000" + value.substring(0, middle) + "\u0000" + value.substring(middle) + "\u0000";
    }
}
