package io.parley.channels.telegram;

import io.parley.delivery.OutboundContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outbound content as Bot API calls: text as MarkdownV2 ({@link MarkdownV2}: the text is escaped whole, so the
 * contact sees exactly what was written, and cut into parts Telegram takes), media by URL ({@code sendPhoto},
 * {@code sendDocument}, {@code sendAudio}, {@code sendVideo}), buttons and list rows as an inline keyboard (one button
 * a row; {@code callback_data} is the button's id when it fits in 64 bytes, else {@code #<position>}), link buttons
 * as URL buttons, and locations ({@code sendVenue} when named, else {@code sendLocation}).
 */
final class TelegramMessages {
    /** Telegram's limit on {@code callback_data}, in UTF-8 bytes. */
    static final int CALLBACK_DATA_BYTES = 64;

    private static final String PARSE_MODE = "MarkdownV2";

    private TelegramMessages() {}

    /** The calls for {@code content} to {@code chatId}; the first replies to {@code replyTo} (a message id) if set. */
    static List<BotRequest> requests(long chatId, OutboundContent content, Long replyTo) {
        List<BotRequest> requests = switch (content) {
            case OutboundContent.Text text -> texts(chatId, text.text(), null);
            case OutboundContent.Media media -> List.of(media(chatId, media));
            case OutboundContent.Interactive interactive ->
                texts(chatId, interactiveText(interactive), keyboard(interactive));
            case OutboundContent.Location location -> List.of(location(chatId, location));
            case OutboundContent.Reaction ignored -> throw new IllegalArgumentException("reactions are not sent");
            case OutboundContent.Template ignored -> throw new IllegalArgumentException("templates are not sent");
        };
        if (replyTo == null) {
            return requests;
        }
        List<BotRequest> replying = new ArrayList<>(requests);
        BotRequest first = replying.getFirst();
        Map<String, Object> reply = Map.of("message_id", replyTo, "allow_sending_without_reply", true);
        replying.set(
                0,
                new BotRequest(
                        first.method(),
                        with(first.parameters(), "reply_parameters", reply),
                        first.plainFallback() == null ? null : with(first.plainFallback(), "reply_parameters", reply)));
        return replying;
    }

    /** The text in parts; a keyboard goes with the last part, so the buttons sit under the whole question. */
    private static List<BotRequest> texts(long chatId, String text, Map<String, Object> keyboard) {
        List<String> parts = MarkdownV2.split(MarkdownV2.escape(text), TelegramChannel.MAX_TEXT);
        List<BotRequest> requests = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Map<String, Object> formatted = new LinkedHashMap<>();
            formatted.put("chat_id", chatId);
            formatted.put("text", parts.get(i));
            formatted.put("parse_mode", PARSE_MODE);
            Map<String, Object> plain = new LinkedHashMap<>();
            plain.put("chat_id", chatId);
            plain.put("text", MarkdownV2.unescape(parts.get(i)));
            if (keyboard != null && i == parts.size() - 1) {
                formatted.put("reply_markup", keyboard);
                plain.put("reply_markup", keyboard);
            }
            requests.add(new BotRequest("sendMessage", formatted, plain));
        }
        return requests;
    }

    private static BotRequest media(long chatId, OutboundContent.Media media) {
        String field = switch (media.kind()) {
            case "image" -> "photo";
            case "video" -> "video";
            case "audio" -> "audio";
            default -> "document";
        };
        String method = "send" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
        Map<String, Object> formatted = new LinkedHashMap<>();
        formatted.put("chat_id", chatId);
        formatted.put(field, media.link());
        if (media.caption() == null) {
            return new BotRequest(method, formatted, null);
        }
        Map<String, Object> plain = new LinkedHashMap<>(formatted);
        plain.put("caption", media.caption());
        formatted.put("caption", MarkdownV2.escape(media.caption()));
        formatted.put("parse_mode", PARSE_MODE);
        return new BotRequest(method, formatted, plain);
    }

    private static BotRequest location(long chatId, OutboundContent.Location location) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("chat_id", chatId);
        parameters.put("latitude", location.latitude());
        parameters.put("longitude", location.longitude());
        if (location.name() != null && location.address() != null) {
            parameters.put("title", location.name());
            parameters.put("address", location.address());
            return new BotRequest("sendVenue", parameters, null);
        }
        return new BotRequest("sendLocation", parameters, null);
    }

    private static String interactiveText(OutboundContent.Interactive interactive) {
        StringBuilder text = new StringBuilder();
        if (interactive.header() != null) {
            text.append(interactive.header()).append("\n\n");
        }
        text.append(interactive.body());
        if (interactive.footer() != null) {
            text.append("\n\n").append(interactive.footer());
        }
        return text.toString();
    }

    private static Map<String, Object> keyboard(OutboundContent.Interactive interactive) {
        List<List<Map<String, Object>>> rows = new ArrayList<>();
        switch (interactive.type()) {
            case "button" -> {
                for (int i = 0; i < interactive.buttons().size(); i++) {
                    OutboundContent.Button button = interactive.buttons().get(i);
                    rows.add(List.of(callbackButton(button.title(), button.id(), i)));
                }
            }
            case "list" -> {
                int position = 0;
                for (OutboundContent.Section section : interactive.sections()) {
                    for (OutboundContent.Row row : section.rows()) {
                        rows.add(List.of(callbackButton(row.title(), row.id(), position++)));
                    }
                }
            }
            default -> rows.add(List.of(Map.of("text", interactive.displayText(), "url", interactive.url())));
        }
        return Map.of("inline_keyboard", rows);
    }

    private static Map<String, Object> callbackButton(String title, String id, int position) {
        return Map.of("text", title, "callback_data", callbackData(id, position));
    }

    /** The button's id, or {@code #<position>} when the id is longer than Telegram takes. */
    static String callbackData(String id, int position) {
        return id.getBytes(StandardCharsets.UTF_8).length <= CALLBACK_DATA_BYTES ? id : "#" + position;
    }

    private static Map<String, Object> with(Map<String, Object> parameters, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(parameters);
        copy.put(key, value);
        return copy;
    }
}
