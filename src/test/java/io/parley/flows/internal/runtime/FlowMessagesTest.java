package io.parley.flows.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.delivery.OutboundContent;
import io.parley.flows.definition.FlowReading;
import io.parley.flows.engine.FlowOutput;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** How a flow's message goes out: its media by link first, then the text with buttons or a list. */
class FlowMessagesTest {

    @Test
    void should_send_the_media_before_the_text_and_guess_its_kind_from_the_link() {
        FlowOutput.Say say =
                new FlowOutput.Say("Our studio", "https://cdn.example/studio.JPG?v=2", List.of(), List.of(), false);

        List<OutboundContent> contents = FlowMessages.contents(say);

        assertThat(contents).hasSize(2);
        assertThat(contents.get(0)).isEqualTo(new OutboundContent.Media("image", say.media(), null, null, null));
        assertThat(contents.get(1)).isEqualTo(new OutboundContent.Text("Our studio"));
        contents.forEach(OutboundContent::validate);
        assertThat(FlowMessages.mediaKind("https://x.example/a.mp4")).isEqualTo("video");
        assertThat(FlowMessages.mediaKind("https://x.example/a.ogg")).isEqualTo("audio");
        assertThat(FlowMessages.mediaKind("https://x.example/price-list.pdf")).isEqualTo("document");
    }

    @Test
    void should_send_buttons_as_an_interactive_message_and_only_the_text_without_media() {
        FlowOutput.Say say = new FlowOutput.Say(
                "Which style?", null, List.of(new FlowOutput.Choice("realism", "Realism", null)), List.of(), true);

        assertThat(FlowMessages.contents(say)).singleElement().isInstanceOf(OutboundContent.Interactive.class);
    }

    @Test
    void should_refuse_media_that_is_not_an_https_link_when_the_flow_is_saved() {
        FlowReading.Result result = FlowReading.read(
                YAMLMapper.builder().build().readTree("steps: [{id: hi, say: {text: Hello, media: 'http://x/a.png'}}]"),
                "k");

        assertThat(result).isInstanceOf(FlowReading.Invalid.class);
        assertThat(((FlowReading.Invalid) result).problems().toString()).contains("media");
    }
}
