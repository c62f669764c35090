package io.parley.channels.whatsapp.inbound.payload;

import static io.parley.channels.whatsapp.JsonReads.array;
import static io.parley.channels.whatsapp.JsonReads.epochSeconds;
import static io.parley.channels.whatsapp.JsonReads.fragment;
import static io.parley.channels.whatsapp.JsonReads.hasText;
import static io.parley.channels.whatsapp.JsonReads.object;
import static io.parley.channels.whatsapp.JsonReads.text;

import io.parley.channels.whatsapp.graph.WaErrors;
import io.parley.templates.TemplateStatusChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a WhatsApp Cloud API webhook body into normalized messages and statuses.
 * <p>
 * Every entry, change, message and status is visited: Meta batches, and integrations that read only the first
 * element lose messages silently. A malformed part becomes a {@link WaProblem} and the rest is still returned;
 * only a body that is not a JSON object is rejected, because then nothing in it can be trusted.
 */
public final class WhatsAppPayloadParser {
    static final String WHATSAPP_OBJECT = "whatsapp_business_account";
    private static final String MESSAGES_FIELD = "messages";
    private static final String TEMPLATE_STATUS_FIELD = "message_template_status_update";

    private final JsonMapper jsonMapper;
    private final WaMessageNormalizer normalizer;

    public WhatsAppPayloadParser(JsonMapper jsonMapper) {
        this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
        this.normalizer = new WaMessageNormalizer(jsonMapper);
    }

    WhatsAppPayloadParser() {
        this(JsonMapper.builder().build());
    }

    public ParsedWebhook parse(byte[] body) {
        JsonNode root = readObject(body);
        Collected collected = new Collected();
        String object = text(root, "object");
        if (!WHATSAPP_OBJECT.equals(object)) {
            collected.ignoredFields.add("object:" + object);
            return collected.result();
        }
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            collected.problem(null, "envelope_without_entry", root);
            return collected.result();
        }
        for (JsonNode entry : entries) {
            JsonNode changes = entry.get("changes");
            if (changes == null || !changes.isArray()) {
                collected.problem(null, "entry_without_changes", entry);
                continue;
            }
            changes.forEach(change -> readChange(text(entry, "id"), change, collected));
        }
        return collected.result();
    }

    private JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedWebhookException("The webhook body is empty.", null);
        }
        JsonNode root;
        try {
            root = jsonMapper.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedWebhookException("The webhook body is not valid JSON.", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhookException("The webhook body is not a JSON object.", null);
        }
        return root;
    }

    private void readChange(String entryId, JsonNode change, Collected collected) {
        String field = text(change, "field");
        if (field == null) {
            collected.problem(null, "change_without_field", change);
            return;
        }
        if (TEMPLATE_STATUS_FIELD.equals(field)) {
            readTemplateStatus(entryId, object(change, "value"), collected);
            return;
        }
        if (!MESSAGES_FIELD.equals(field)) {
            collected.ignoredFields.add(field);
            return;
        }
        JsonNode value = object(change, "value");
        String phoneNumberId = text(object(value, "metadata"), "phone_number_id");
        // Change-level errors are kept even without metadata: they explain why messages are missing.
        array(value, "errors").forEach(error -> collected.problem(phoneNumberId, "webhook_error", error));
        if (!hasText(phoneNumberId)) {
            collected.problem(null, "change_without_metadata", change);
            return;
        }
        ChangeContacts contacts = ChangeContacts.of(value);
        array(value, "messages").forEach(message -> readMessage(phoneNumberId, contacts, message, collected));
        array(value, "statuses").forEach(status -> readStatus(phoneNumberId, status, collected));
    }

    private void readMessage(String phoneNumberId, ChangeContacts contacts, JsonNode message, Collected collected) {
        String from = text(message, "from");
        String fromUserId = text(message, "from_user_id");
        String wamid = text(message, "id");
        if (!hasText(from) && !hasText(fromUserId)) {
            collected.problem(phoneNumberId, "message_without_sender", message);
            return;
        }
        if (!hasText(wamid)) {
            collected.problem(phoneNumberId, "message_without_id", message);
            return;
        }
        WaSender sender = contacts.resolve(hasText(from) ? from : null, hasText(fromUserId) ? fromUserId : null);
        NormalizedContent content = normalizer.normalize(message);
        if (sender.username() != null) {
            content.details().putIfAbsent("username", sender.username());
        }
        collected.messages.add(new WaInboundMessage(
                phoneNumberId,
                wamid,
                sender.waId(),
                sender.userId(),
                sender.profileName(),
                epochSeconds(message, "timestamp"),
                content.type(),
                content.text(),
                content.details(),
                text(object(message, "context"), "id")));
    }

    /** The entry id of a template status change is the WhatsApp Business Account id. */
    private static void readTemplateStatus(String businessAccountId, JsonNode value, Collected collected) {
        String event = text(value, "event");
        String name = text(value, "message_template_name");
        if (!hasText(businessAccountId) || !hasText(event) || !hasText(name)) {
            collected.problem(null, "template_status_incomplete", value);
            return;
        }
        collected.templateStatuses.add(new TemplateStatusChange(
                businessAccountId,
                event,
                text(value, "message_template_id"),
                name,
                text(value, "message_template_language"),
                text(value, "reason")));
    }

    private static void readStatus(String phoneNumberId, JsonNode status, Collected collected) {
        String wamid = text(status, "id");
        String state = text(status, "status");
        if (!hasText(wamid) || !hasText(state)) {
            collected.problem(phoneNumberId, "status_without_id", status);
            return;
        }
        collected.statuses.add(new WaStatusUpdate(
                phoneNumberId,
                wamid,
                state.toLowerCase(Locale.ROOT),
                epochSeconds(status, "timestamp"),
                text(status, "recipient_id"),
                text(status, "recipient_user_id"),
                text(status, "biz_opaque_callback_data"),
                WaErrors.read(status)));
    }

    private static final class Collected {
        final List<WaInboundMessage> messages = new ArrayList<>();
        final List<WaStatusUpdate> statuses = new ArrayList<>();
        final List<WaProblem> problems = new ArrayList<>();
        final List<String> ignoredFields = new ArrayList<>();
        final List<TemplateStatusChange> templateStatuses = new ArrayList<>();

        void problem(String phoneNumberId, String reason, JsonNode offending) {
            problems.add(new WaProblem(phoneNumberId, reason, fragment(offending)));
        }

        ParsedWebhook result() {
            return new ParsedWebhook(messages, statuses, problems, ignoredFields, templateStatuses);
        }
    }
}
