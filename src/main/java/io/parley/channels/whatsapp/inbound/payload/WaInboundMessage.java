package io.parley.channels.whatsapp.inbound.payload;

import java.time.Instant;
import java.util.Map;

/**
 * One inbound WhatsApp message, normalized.
 *
 * @param phoneNumberId    {@code metadata.phone_number_id} of the change: which of our numbers received it
 * @param wamid            the message id ({@code id}); unique per number
 * @param waId             sender's WhatsApp id (phone digits, {@code from}); null for username-only users
 * @param userId           sender's business-scoped user id ({@code from_user_id} / {@code contacts[].user_id}), or null
 * @param profileName      {@code contacts[].profile.name} of the sender, or null
 * @param timestamp        provider timestamp
 * @param type             normalized kind: text, image, audio, video, document, sticker, location, contacts,
 *                         button_reply, list_reply, flow_reply, template_button, reaction, order, system, unsupported
 * @param text             the best plain-text rendering for people and models (body, caption, reply title,
 *                         or a bracketed description such as {@code [image]})
 * @param details          type-specific normalized fields (media id/mime_type/sha256/caption/filename/voice/animated,
 *                         latitude/longitude/name/address/url, contacts, reply id/title/description, flow response,
 *                         reaction message_id/emoji, order catalog_id/items, system type/new ids, errors)
 * @param contextMessageId wamid of the message this one replies to ({@code context.id}), or null
 */
public record WaInboundMessage(
        String phoneNumberId,
        String wamid,
        String waId,
        String userId,
        String profileName,
        Instant timestamp,
        String type,
        String text,
        Map<String, Object> details,
        String contextMessageId) {}
