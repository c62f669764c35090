package io.parley.media;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Inbound media messages as Meta sends them: only the media id, mime type and sha256, never the bytes. */
final class MediaWebhooks {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MediaWebhooks() {}

    static String media(
            String phoneNumberId,
            String waId,
            String wamid,
            String kind,
            String mediaId,
            String mimeType,
            String sha256,
            Instant sentAt) {
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("mime_type", mimeType);
        media.put("sha256", sha256);
        media.put("id", mediaId);
        if (kind.equals("document")) {
            media.put("filename", "../../etc/passwd");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("from", waId);
        message.put("id", wamid);
        message.put("timestamp", Long.toString(sentAt.getEpochSecond()));
        message.put("type", kind);
        message.put(kind, media);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put(
                "metadata",
                Map.of(
                        "display_phone_number",
                        WhatsAppPayloads.DISPLAY_PHONE_NUMBER,
                        "phone_number_id",
                        phoneNumberId));
        value.put("contacts", List.of(Map.of("profile", Map.of("name", "Ana"), "wa_id", waId)));
        value.put("messages", List.of(message));
        return JSON.writeValueAsString(Map.of(
                "object",
                "whatsapp_business_account",
                "entry",
                List.of(Map.of(
                        "id",
                        WhatsAppPayloads.WABA_ID,
                        "changes",
                        List.of(Map.of("value", value, "field", "messages"))))));
    }

    static void post(Api api, Tenants.WhatsAppBot bot, String body) {
        Api.Response ack = Webhooks.post(api, body, bot.appSecret());
        if (ack.status() != 200) {
            throw new AssertionError("webhook answered " + ack.status() + ": " + ack.body());
        }
    }
}
