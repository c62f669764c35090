package io.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.platform.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundContentTest {

    private static String field(OutboundContent content) {
        try {
            content.validate();
            return null;
        } catch (InvalidRequestException e) {
            return (String) e.context().get("field");
        }
    }

    @Test
    void should_count_an_emoji_as_one_grapheme_however_many_code_points_it_has() {
        assertThat(field(new OutboundContent.Reaction("wamid.A", "🇵🇹"))).isNull();
        assertThat(field(new OutboundContent.Reaction("wamid.A", "👨‍👩‍👧"))).isNull();
        assertThat(field(new OutboundContent.Reaction("wamid.A", "👍🏽"))).isNull();
        assertThat(field(new OutboundContent.Reaction("wamid.A", "")))
                .as("empty removes")
                .isNull();
        assertThat(field(new OutboundContent.Reaction("wamid.A", "ok"))).isEqualTo("reaction.emoji");
    }

    @Test
    void should_reject_duplicate_button_ids_and_a_title_of_21_characters_counting_code_points() {
        assertThat(field(buttons(new OutboundContent.Button("a", "Yes"), new OutboundContent.Button("a", "No"))))
                .isEqualTo("interactive.buttons[1].id");
        assertThat(field(buttons(new OutboundContent.Button("a", "é".repeat(20)))))
                .isNull();
        assertThat(field(buttons(new OutboundContent.Button("a", "é".repeat(21)))))
                .isEqualTo("interactive.buttons[0].title");
        assertThat(field(buttons())).isEqualTo("interactive.buttons");
    }

    @Test
    void should_allow_ten_list_rows_across_sections_and_reject_eleven() {
        assertThat(field(list(5, 5))).isNull();
        assertThat(field(list(5, 6))).isEqualTo("interactive.sections");
    }

    @Test
    void should_require_exactly_one_of_link_and_id_and_no_caption_on_audio() {
        assertThat(field(new OutboundContent.Media("image", "https://x.example/a.png", "123", null, null)))
                .isEqualTo("media");
        assertThat(field(new OutboundContent.Media("audio", null, "123", "hi", null)))
                .isEqualTo("media.caption");
        assertThat(field(new OutboundContent.Media("image", null, "12 3", null, null)))
                .isEqualTo("media.id");
        assertThat(field(new OutboundContent.Media("document", null, "123", "Invoice", "inv.pdf")))
                .isNull();
        assertThat(field(new OutboundContent.Media("image", null, "123", null, "a.png")))
                .isEqualTo("media.filename");
    }

    @Test
    void should_map_mime_types_to_kinds_ignoring_parameters() {
        assertThat(MediaKind.forMimeType("audio/ogg; codecs=opus")).contains(MediaKind.AUDIO);
        assertThat(MediaKind.forMimeType("application/pdf")).contains(MediaKind.DOCUMENT);
        assertThat(MediaKind.forMimeType("image/gif")).isEmpty();
        assertThat(MediaKind.IMAGE.accepts("application/pdf")).isFalse();
        assertThatCode(() -> new OutboundContent.Location(-90.0, 180.0, null, null).validate())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new OutboundContent.Location(0.0, 180.5, null, null).validate())
                .hasMessageContaining("longitude");
    }

    private static OutboundContent.Interactive buttons(OutboundContent.Button... buttons) {
        return new OutboundContent.Interactive("button", null, "Pick", null, List.of(buttons), null, null, null, null);
    }

    private static OutboundContent.Interactive list(int... rowsPerSection) {
        List<OutboundContent.Section> sections = new java.util.ArrayList<>();
        int n = 0;
        for (int count : rowsPerSection) {
            List<OutboundContent.Row> rows = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                rows.add(new OutboundContent.Row("r" + n, "Row " + n++, null));
            }
            sections.add(new OutboundContent.Section("S" + sections.size(), rows));
        }
        return new OutboundContent.Interactive("list", null, "Pick", null, null, "Menu", sections, null, null);
    }
}
