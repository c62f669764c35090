package io.parley.channels.telegram;

import io.parley.platform.NulCharacters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the Bot API's {@code Update} JSON into a {@link TelegramUpdate}. Strings lose U+0000 (PostgreSQL refuses
 * it); a shape it cannot read becomes {@link TelegramUpdate.Ignored}, never an exception, so one odd update is
 * acknowledged and never blocks the chat's later ones.
 */
final class TelegramUpdateReader {
    private TelegramUpdateReader() {}

    /** Empty when the body has no integral {@code update_id}: that is no update at all. */
    static Optional<TelegramUpdate> read(JsonNode update) {
        if (update == null || !update.isObject() || !update.path("update_id").canConvertToLong()) {
            return Optional.empty();
        }
        long id = update.path("update_id").asLong();
        if (update.path("message").isObject()) {
            return Optional.of(message(id, update.path("message"), false));
        }
        if (update.path("edited_message").isObject()) {
            return Optional.of(message(id, update.path("edited_message"), true));
        }
        if (update.path("callback_query").isObject()) {
            return Optional.of(buttonPress(id, update.path("callback_query")));
        }
        if (update.path("my_chat_member").isObject()) {
            return Optional.of(membership(id, update.path("my_chat_member")));
        }
        return Optional.of(new TelegramUpdate.Ignored(id, "kind"));
    }

    private static TelegramUpdate message(long id, JsonNode message, boolean edited) {
        Optional<TelegramUpdate.Sender> sender = sender(message.path("chat"), message.path("from"));
        if (sender.isEmpty() || !message.path("message_id").canConvertToLong()) {
            return new TelegramUpdate.Ignored(id, "shape");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("chat_id", sender.get().chatId());
        details.put("message_id", message.path("message_id").asLong());
        String caption = text(message, "caption");
        putIfPresent(details, "caption", caption);
        String type;
        String text;
        String fileId = null;
        String mime = null;
        if (message.path("text").isString()) {
            type = "text";
            text = text(message, "text");
        } else if (message.path("photo").isArray() && !message.path("photo").isEmpty()) {
            JsonNode largest = message.path("photo").get(message.path("photo").size() - 1);
            type = "image";
            fileId = text(largest, "file_id");
            mime = "image/jpeg";
            putIfPresent(details, "width", number(largest, "width"));
            putIfPresent(details, "height", number(largest, "height"));
            text = caption != null ? caption : "[image]";
        } else if (message.path("document").isObject()) {
            JsonNode document = message.path("document");
            type = "document";
            fileId = text(document, "file_id");
            mime = text(document, "mime_type");
            String name = text(document, "file_name");
            putIfPresent(details, "filename", name);
            text = caption != null ? caption : name != null ? "[document: " + name + "]" : "[document]";
        } else if (message.path("voice").isObject()) {
            type = "audio";
            fileId = text(message.path("voice"), "file_id");
            mime = text(message.path("voice"), "mime_type");
            details.put("voice", true);
            putIfPresent(details, "duration", number(message.path("voice"), "duration"));
            text = "[voice message]";
        } else if (message.path("audio").isObject()) {
            type = "audio";
            fileId = text(message.path("audio"), "file_id");
            mime = text(message.path("audio"), "mime_type");
            text = caption != null ? caption : "[audio]";
        } else if (message.path("video").isObject()) {
            type = "video";
            fileId = text(message.path("video"), "file_id");
            mime = text(message.path("video"), "mime_type");
            text = caption != null ? caption : "[video]";
        } else if (message.path("location").isObject()) {
            JsonNode location = message.path("location");
            type = "location";
            double latitude = location.path("latitude").asDouble();
            double longitude = location.path("longitude").asDouble();
            details.put("latitude", latitude);
            details.put("longitude", longitude);
            text = "[location: " + latitude + ", " + longitude + "]";
        } else if (message.path("contact").isObject()) {
            JsonNode contact = message.path("contact");
            type = "contacts";
            String name = join(text(contact, "first_name"), text(contact, "last_name"));
            String phone = text(contact, "phone_number");
            putIfPresent(details, "name", name.isEmpty() ? null : name);
            putIfPresent(details, "phone", phone);
            putIfPresent(details, "user_id", number(contact, "user_id"));
            String shown = join(name, phone);
            text = shown.isEmpty() ? "[contact]" : "[contact: " + shown + "]";
        } else {
            type = "unsupported";
            text = "[unsupported message]";
        }
        if (fileId != null) {
            details.put("file_id", fileId);
        } else if (!type.equals("text")
                && !type.equals("location")
                && !type.equals("contacts")
                && !type.equals("unsupported")) {
            type = "unsupported";
        }
        if (edited) {
            putIfPresent(details, "edit_date", number(message, "edit_date"));
        }
        return new TelegramUpdate.Message(
                id,
                sender.get(),
                message.path("message_id").asLong(),
                Instant.ofEpochSecond(message.path("date").asLong(0)),
                edited,
                type,
                text == null ? "" : text,
                details,
                fileId,
                mime);
    }

    private static TelegramUpdate buttonPress(long id, JsonNode query) {
        JsonNode message = query.path("message");
        JsonNode chat = message.path("chat").isObject() ? message.path("chat") : null;
        JsonNode from = query.path("from");
        String queryId = text(query, "id");
        String data = text(query, "data");
        if (queryId == null || !from.path("id").canConvertToLong()) {
            return new TelegramUpdate.Ignored(id, "shape");
        }
        TelegramUpdate.Sender sender = chat == null
                ? new TelegramUpdate.Sender(
                        from.path("id").asLong(), "private", from.path("id").asLong(), name(from))
                : sender(chat, from).orElse(null);
        if (sender == null) {
            return new TelegramUpdate.Ignored(id, "shape");
        }
        return new TelegramUpdate.ButtonPress(
                id,
                sender,
                queryId,
                data,
                data == null ? null : title(message.path("reply_markup"), data),
                message.path("message_id").canConvertToLong()
                        ? message.path("message_id").asLong()
                        : null);
    }

    private static TelegramUpdate membership(long id, JsonNode change) {
        Optional<TelegramUpdate.Sender> sender = sender(change.path("chat"), change.path("from"));
        String status = text(change.path("new_chat_member"), "status");
        if (sender.isEmpty() || status == null) {
            return new TelegramUpdate.Ignored(id, "shape");
        }
        return new TelegramUpdate.Membership(id, sender.get(), status);
    }

    /** The label of the button whose callback data was {@code data}, from the keyboard the pressed message showed. */
    private static String title(JsonNode markup, String data) {
        for (JsonNode row : markup.path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (data.equals(text(button, "callback_data"))) {
                    return text(button, "text");
                }
            }
        }
        return null;
    }

    private static Optional<TelegramUpdate.Sender> sender(JsonNode chat, JsonNode from) {
        if (!chat.path("id").canConvertToLong()) {
            return Optional.empty();
        }
        long chatId = chat.path("id").asLong();
        // A channel post has no sender: the chat stands for it.
        long userId = from.path("id").canConvertToLong() ? from.path("id").asLong() : chatId;
        String type = text(chat, "type");
        return Optional.of(new TelegramUpdate.Sender(
                chatId, type == null ? "private" : type, userId, name(from.isObject() ? from : chat)));
    }

    private static String name(JsonNode user) {
        String name = join(text(user, "first_name"), text(user, "last_name"));
        return name.isEmpty() ? text(user, "username") : name;
    }

    private static String join(String first, String second) {
        return ((first == null ? "" : first) + " " + (second == null ? "" : second)).strip();
    }

    static String text(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (!value.isString()) {
            return null;
        }
        String text = NulCharacters.strip(value.asString());
        return text.isEmpty() ? null : text;
    }

    private static Long number(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        return value.canConvertToLong() ? value.asLong() : null;
    }

    private static void putIfPresent(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
