package io.parley.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Bot API's update JSON as Parley reads it, one kind per test. */
class TelegramUpdateReaderTest {
    private static TelegramUpdate read(String json) {
        return TelegramUpdateReader.read(Api.json().readTree(json)).orElseThrow();
    }

    private static String message(String content) {
        return """
                {"update_id": 10, "message": {"message_id": 42, "date": 1765000000,
                 "from": {"id": 123456789012, "is_bot": false, "first_name": "Ana", "last_name": "Ruiz"},
                 "chat": {"id": 123456789012, "type": "private"}, %s}}""".formatted(content);
    }

    @Test
    void should_read_a_text_with_52_bit_ids_and_the_chat_scoped_provider_id() {
        TelegramUpdate.Message message = (TelegramUpdate.Message) read(message("\"text\": \"hola\\u0000\""));

        assertThat(message.type()).isEqualTo("text");
        assertThat(message.text()).isEqualTo("hola");
        assertThat(message.sender().userId()).isEqualTo(123456789012L);
        assertThat(message.sender().name()).isEqualTo("Ana Ruiz");
        assertThat(message.providerId()).isEqualTo("123456789012:42");
        assertThat(message.edited()).isFalse();
    }

    @Test
    void should_take_the_largest_photo_size_and_its_caption() {
        TelegramUpdate.Message message = (TelegramUpdate.Message) read(message("""
                "caption": "cat", "photo": [{"file_id": "s", "width": 90, "height": 90},
                 {"file_id": "m", "width": 320, "height": 320}, {"file_id": "l", "width": 1280, "height": 1280}]"""));

        assertThat(message.type()).isEqualTo("image");
        assertThat(message.fileId()).isEqualTo("l");
        assertThat(message.text()).isEqualTo("cat");
        assertThat(message.details()).containsEntry("width", 1280L);
    }

    @Test
    void should_read_documents_voice_locations_and_contacts() {
        TelegramUpdate.Message document = (TelegramUpdate.Message) read(message(
                "\"document\": {\"file_id\": \"d\", \"file_name\": \"a.pdf\", \"mime_type\": \"application/pdf\"}"));
        TelegramUpdate.Message voice = (TelegramUpdate.Message)
                read(message("\"voice\": {\"file_id\": \"v\", \"duration\": 3, \"mime_type\": \"audio/ogg\"}"));
        TelegramUpdate.Message location =
                (TelegramUpdate.Message) read(message("\"location\": {\"latitude\": 52.5, \"longitude\": 13.4}"));
        TelegramUpdate.Message contact = (TelegramUpdate.Message) read(
                message("\"contact\": {\"phone_number\": \"+34600000000\", \"first_name\": \"Bea\", \"user_id\": 7}"));

        assertThat(document.type()).isEqualTo("document");
        assertThat(document.text()).isEqualTo("[document: a.pdf]");
        assertThat(document.mimeType()).isEqualTo("application/pdf");
        assertThat(voice.type()).isEqualTo("audio");
        assertThat(voice.text()).isEqualTo("[voice message]");
        assertThat(voice.details()).containsEntry("voice", true);
        assertThat(location.type()).isEqualTo("location");
        assertThat(location.details()).containsEntry("latitude", 52.5).containsEntry("longitude", 13.4);
        assertThat(contact.type()).isEqualTo("contacts");
        assertThat(contact.text()).isEqualTo("[contact: Bea +34600000000]");
    }

    @Test
    void should_mark_an_edit() {
        TelegramUpdate.Message edit = (TelegramUpdate.Message)
                read(message("\"text\": \"fixed\", \"edit_date\": 5").replace("\"message\":", "\"edited_message\":"));

        assertThat(edit.edited()).isTrue();
        assertThat(edit.details()).containsEntry("edit_date", 5L);
    }

    @Test
    void should_read_a_button_press_with_the_label_of_the_pressed_button() {
        TelegramUpdate.ButtonPress press =
                (TelegramUpdate.ButtonPress) read(TelegramFake.buttonPress(11, 99, 5, "yes", "Yes please"));

        assertThat(press.queryId()).isEqualTo("cq11");
        assertThat(press.data()).isEqualTo("yes");
        assertThat(press.title()).isEqualTo("Yes please");
        assertThat(press.sender().chatId()).isEqualTo(99);
        assertThat(press.messageId()).isEqualTo(5);
    }

    @Test
    void should_read_a_block() {
        TelegramUpdate.Membership block = (TelegramUpdate.Membership) read(TelegramFake.blocked(12, 77));

        assertThat(block.status()).isEqualTo("kicked");
        assertThat(block.sender().isPrivate()).isTrue();
    }

    @Test
    void should_tell_a_group_and_ignore_what_it_cannot_read() {
        TelegramUpdate group =
                read(message("\"text\": \"hi\"").replace("\"type\": \"private\"", "\"type\": \"group\""));

        assertThat(((TelegramUpdate.Message) group).sender().isPrivate()).isFalse();
        assertThat(read("{\"update_id\": 1, \"poll\": {}}")).isInstanceOf(TelegramUpdate.Ignored.class);
        assertThat(read("{\"update_id\": 1, \"message\": {\"chat\": \"x\"}}"))
                .isInstanceOf(TelegramUpdate.Ignored.class);
        assertThat(TelegramUpdateReader.read(Api.json().readTree("{\"update_id\": \"1\"}")))
                .isEqualTo(Optional.empty());
        assertThat(TelegramUpdateReader.read(Api.json().readTree("[1]"))).isEmpty();
    }
}
