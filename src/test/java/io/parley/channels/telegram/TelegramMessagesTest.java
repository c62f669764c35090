package io.parley.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.delivery.OutboundContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outbound content as Bot API calls. */
class TelegramMessagesTest {
    @Test
    void should_send_text_as_escaped_markdown_v2_with_a_plain_fallback() {
        BotRequest request = TelegramMessages.requests(5, new OutboundContent.Text("1+1=2. Done!"), null)
                .getFirst();

        assertThat(request.method()).isEqualTo("sendMessage");
        assertThat(request.parameters())
                .containsEntry("text", "1\\+1\\=2\\. Done\\!")
                .containsEntry("parse_mode", "MarkdownV2")
                .containsEntry("chat_id", 5L);
        assertThat(request.plainFallback())
                .containsEntry("text", "1+1=2. Done!")
                .doesNotContainKey("parse_mode");
    }

    @Test
    void should_split_a_text_longer_than_4096_utf16_units_without_breaking_a_surrogate_pair() {
        String emojis = "😀".repeat(3000); // 6,000 UTF-16 units, 3,000 code points

        List<BotRequest> requests = TelegramMessages.requests(5, new OutboundContent.Text(emojis), null);

        assertThat(requests).hasSize(2);
        assertThat(requests)
                .allSatisfy(r -> assertThat(((String) r.parameters().get("text")).length())
                        .isLessThanOrEqualTo(4096));
        assertThat(requests.stream()
                        .map(r -> (String) r.parameters().get("text"))
                        .reduce("", String::concat))
                .isEqualTo(emojis);
    }

    @Test
    void should_put_list_rows_in_an_inline_keyboard_and_a_link_button_as_a_url_button() {
        OutboundContent.Interactive list = new OutboundContent.Interactive(
                "list",
                null,
                "Pick a time",
                null,
                null,
                "Times",
                List.of(new OutboundContent.Section(
                        null,
                        List.of(
                                new OutboundContent.Row("t9", "9:00", null),
                                new OutboundContent.Row("t10", "10:00", null)))),
                null,
                null);
        OutboundContent.Interactive link = new OutboundContent.Interactive(
                "cta_url", null, "Pay here", null, null, null, null, "https://pay.example/1", "Pay");

        Map<String, Object> listMarkup = markup(TelegramMessages.requests(5, list, null));
        Map<String, Object> linkMarkup = markup(TelegramMessages.requests(5, link, null));

        assertThat(listMarkup.get("inline_keyboard"))
                .isEqualTo(List.of(
                        List.of(Map.of("text", "9:00", "callback_data", "t9")),
                        List.of(Map.of("text", "10:00", "callback_data", "t10"))));
        assertThat(linkMarkup.get("inline_keyboard"))
                .isEqualTo(List.of(List.of(Map.of("text", "Pay", "url", "https://pay.example/1"))));
    }

    @Test
    void should_send_media_by_link_and_named_places_as_venues() {
        BotRequest photo = TelegramMessages.requests(
                        5, new OutboundContent.Media("image", "https://cdn.example/a.jpg", null, "A.", null), null)
                .getFirst();
        BotRequest document = TelegramMessages.requests(
                        5,
                        new OutboundContent.Media("document", "https://cdn.example/a.pdf", null, null, "a.pdf"),
                        null)
                .getFirst();
        BotRequest venue = TelegramMessages.requests(
                        5, new OutboundContent.Location(1.5, 2.5, "Shop", "Main St 1"), null)
                .getFirst();

        assertThat(photo.method()).isEqualTo("sendPhoto");
        assertThat(photo.parameters())
                .containsEntry("photo", "https://cdn.example/a.jpg")
                .containsEntry("caption", "A\\.");
        assertThat(document.method()).isEqualTo("sendDocument");
        assertThat(venue.method()).isEqualTo("sendVenue");
        assertThat(venue.parameters()).containsEntry("title", "Shop");
    }

    @Test
    void should_reply_to_the_message_it_answers() {
        BotRequest request = TelegramMessages.requests(5, new OutboundContent.Text("ok"), 42L)
                .getFirst();

        assertThat(request.parameters().get("reply_parameters"))
                .isEqualTo(Map.of("message_id", 42L, "allow_sending_without_reply", true));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> markup(List<BotRequest> requests) {
        return (Map<String, Object>) requests.getLast().parameters().get("reply_markup");
    }
}
