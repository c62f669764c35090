package io.parley.channels.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * WhatsApp Cloud API webhook bodies as Meta sends them, for tests. Each method returns a complete envelope
 * ({@code object}, {@code entry[]}, {@code changes[]}); {@link #batch(String...)} merges several into one POST.
 * Recorded real-world shapes live under {@code src/test/resources/whatsapp/} and are read with {@link #fixture}.
 */
public final class WhatsAppPayloads {
    public static final String WABA_ID = "102290129340398";
    public static final String PHONE_NUMBER_ID = "106540352242922";
    public static final String DISPLAY_PHONE_NUMBER = "15550783881";
    public static final String CUSTOMER_WA_ID = "16505551234";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WhatsAppPayloads() {}

    /** A text from {@code fromWaId} to the default number, with a fresh wamid. */
    public static String text(String fromWaId, String body) {
        return text(PHONE_NUMBER_ID, fromWaId, newWamid(), body);
    }

    /** A text whose contact entry carries no profile name (Meta omits it for some senders). */
    public static String text(String phoneNumberId, String fromWaId, String wamid, String body) {
        return inbound(phoneNumberId, contact(fromWaId, null, null), textMessage(fromWaId, null, wamid, body));
    }

    public static String textWithProfile(
            String phoneNumberId, String fromWaId, String profileName, String wamid, String body) {
        return inbound(phoneNumberId, contact(fromWaId, null, profileName), textMessage(fromWaId, null, wamid, body));
    }

    /** A text from a username user: only the business-scoped user id, no phone number anywhere. */
    public static String textFromUsername(
            String phoneNumberId, String userId, String profileName, String wamid, String body) {
        return inbound(phoneNumberId, contact(null, userId, profileName), textMessage(null, userId, wamid, body));
    }

    public static String status(String phoneNumberId, String wamid, String status, String recipientWaId) {
        return statusPayload(phoneNumberId, statusOf(wamid, status, recipientWaId));
    }

    /** A failed status; Meta's guidance is to act on {@code code} and {@code details}, so both are explicit. */
    public static String failedStatus(
            String phoneNumberId, String wamid, String recipientWaId, int code, String title, String details) {
        Map<String, Object> status = statusOf(wamid, "failed", recipientWaId);
        status.put(
                "errors",
                List.of(map(
                        "code",
                        code,
                        "title",
                        title,
                        "message",
                        title,
                        "error_data",
                        map("details", details),
                        "href",
                        "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/")));
        return statusPayload(phoneNumberId, status);
    }

    /** {@link #failedStatus} with our outbound id echoed back, as Meta does for messages sent with one. */
    public static String failedStatusWithCallback(
            String phoneNumberId, String wamid, String recipientWaId, int code, String title, String callbackData) {
        Map<String, Object> status = statusOf(wamid, "failed", recipientWaId);
        status.put(
                "errors",
                List.of(map(
                        "code", code, "title", title, "message", title, "error_data", map("details", title + "."))));
        status.put("biz_opaque_callback_data", callbackData);
        return statusPayload(phoneNumberId, status);
    }

    public static String statusWithCallback(
            String phoneNumberId, String wamid, String status, String recipientWaId, String callbackData) {
        Map<String, Object> update = statusOf(wamid, status, recipientWaId);
        update.put("biz_opaque_callback_data", callbackData);
        return statusPayload(phoneNumberId, update);
    }

    /** One POST carrying the entries of all given payloads, in order, as Meta batches under load. */
    public static String batch(String... payloads) {
        List<Object> entries = new ArrayList<>();
        for (String payload : payloads) {
            Map<?, ?> envelope = JSON.readValue(payload, Map.class);
            entries.addAll((List<?>) envelope.get("entry"));
        }
        return JSON.writeValueAsString(map("object", "whatsapp_business_account", "entry", entries));
    }

    /**
     * One POST whose single change carries the contacts, messages and statuses of all given payloads, which must be
     * for the same number: Meta puts several messages in one {@code value.messages[]} under load.
     */
    @SuppressWarnings("unchecked")
    public static String inOneChange(String... payloads) {
        Map<String, Object> merged = null;
        for (String payload : payloads) {
            Map<String, Object> envelope = JSON.readValue(payload, Map.class);
            Map<String, Object> entry = ((List<Map<String, Object>>) envelope.get("entry")).getFirst();
            Map<String, Object> value = (Map<String, Object>) ((List<Map<String, Object>>) entry.get("changes"))
                    .getFirst()
                    .get("value");
            if (merged == null) {
                merged = value(text((Map<String, Object>) value.get("metadata"), "phone_number_id"));
            }
            for (String list : List.of("contacts", "messages", "statuses")) {
                if (value.get(list) instanceof List<?> items) {
                    ((List<Object>) merged.computeIfAbsent(list, k -> new ArrayList<>())).addAll(items);
                }
            }
        }
        return envelope(merged);
    }

    /** A recorded fixture re-addressed to {@code phoneNumberId}, as if one of our test tenants received it. */
    public static String fixtureFor(String name, String phoneNumberId) {
        String original = fixture(name);
        String readdressed = original.replace(
                "\"phone_number_id\": \"" + PHONE_NUMBER_ID + "\"", "\"phone_number_id\": \"" + phoneNumberId + "\"");
        if (readdressed.equals(original)) {
            throw new IllegalArgumentException("Fixture " + name + " is not addressed to " + PHONE_NUMBER_ID);
        }
        // Recorded in 2025: as delivered now, the contact wrote just now (the 24-hour window counts from this time).
        return readdressed.replaceAll("\"timestamp\": \"\\d+\"", "\"timestamp\": \"" + now() + "\"");
    }

    /** {@code src/test/resources/whatsapp/<name>.json}, a full recorded-shape webhook body. */
    public static String fixture(String name) {
        String path = "/whatsapp/" + name + ".json";
        try (InputStream in = WhatsAppPayloads.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No WhatsApp fixture on the classpath at " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code payload} with every message and status timestamp set to {@code at}: for tests on a clock that moved
     * (hours or days) away from the machine's, so the contact wrote "now" as Parley sees it.
     */
    public static String stampedAt(String payload, java.time.Instant at) {
        return payload.replaceAll("\"timestamp\": ?\"\\d+\"", "\"timestamp\": \"" + at.getEpochSecond() + "\"");
    }

    /** A wamid in Meta's shape ("wamid." + base64), unique enough for dedupe tests. */
    public static String newWamid() {
        byte[] random = new byte[24];
        ThreadLocalRandom.current().nextBytes(random);
        return "wamid." + Base64.getEncoder().encodeToString(random);
    }

    private static Map<String, Object> textMessage(String fromWaId, String fromUserId, String wamid, String body) {
        Map<String, Object> message = new LinkedHashMap<>();
        putIfNotNull(message, "from", fromWaId);
        putIfNotNull(message, "from_user_id", fromUserId);
        message.put("id", wamid);
        message.put("timestamp", now());
        message.put("type", "text");
        message.put("text", map("body", body));
        return message;
    }

    private static Map<String, Object> contact(String waId, String userId, String profileName) {
        Map<String, Object> contact = new LinkedHashMap<>();
        if (profileName != null) {
            contact.put("profile", map("name", profileName));
        }
        putIfNotNull(contact, "wa_id", waId);
        putIfNotNull(contact, "user_id", userId);
        return contact;
    }

    private static Map<String, Object> statusOf(String wamid, String status, String recipientWaId) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("id", wamid);
        update.put("status", status);
        update.put("timestamp", now());
        update.put("recipient_id", recipientWaId);
        return update;
    }

    private static String inbound(String phoneNumberId, Map<String, Object> contact, Map<String, Object> message) {
        Map<String, Object> value = value(phoneNumberId);
        value.put("contacts", List.of(contact));
        value.put("messages", List.of(message));
        return envelope(value);
    }

    private static String statusPayload(String phoneNumberId, Map<String, Object> status) {
        Map<String, Object> value = value(phoneNumberId);
        value.put("statuses", List.of(status));
        return envelope(value);
    }

    private static Map<String, Object> value(String phoneNumberId) {
        return map(
                "messaging_product",
                "whatsapp",
                "metadata",
                map("display_phone_number", DISPLAY_PHONE_NUMBER, "phone_number_id", phoneNumberId));
    }

    private static String envelope(Map<String, Object> value) {
        Map<String, Object> change = map("value", value, "field", "messages");
        Map<String, Object> entry = map("id", WABA_ID, "changes", List.of(change));
        return JSON.writeValueAsString(map("object", "whatsapp_business_account", "entry", List.of(entry)));
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String text(Map<String, Object> map, String key) {
        return map == null || map.get(key) == null ? null : map.get(key).toString();
    }

    private static void putIfNotNull(Map<String, Object> target, String key, Object value) {
        if (value != null) {
            target.put(key, value);
        }
    }
}
