package io.parley.engines.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.parley.delivery.OutboundContent;
import io.parley.engines.internal.EngineReplies.MalformedReply;
import io.parley.engines.internal.EngineReplies.Reply;
import io.parley.platform.channel.ChannelCapabilities;
import io.parley.platform.channel.ChannelCapabilities.LongText;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The endpoint's answer read against the contract, without Spring. */
class EngineRepliesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ChannelCapabilities WITH_BUTTONS =
            capabilities(EnumSet.of(OutboundKind.TEXT, OutboundKind.INTERACTIVE));
    private static final ChannelCapabilities TEXT_ONLY = capabilities(EnumSet.of(OutboundKind.TEXT));

    @Test
    void should_read_texts_buttons_handover_and_variables() {
        Reply reply = read("""
                {"messages": [{"text": "Hi"}, {"text": "Pick one", "buttons": [{"id": "a", "title": "A"}]}],
                 "handover": true, "variables": {"city": "Monterrey", "visits": 3, "vip": false, "old": null}}""", WITH_BUTTONS);

        assertThat(reply.messages()).hasSize(2);
        assertThat(reply.messages().get(0)).isEqualTo(new OutboundContent.Text("Hi"));
        assertThat(reply.messages().get(1)).isInstanceOfSatisfying(OutboundContent.Interactive.class, buttons -> {
            assertThat(buttons.type()).isEqualTo("button");
            assertThat(buttons.body()).isEqualTo("Pick one");
            assertThat(buttons.buttons()).containsExactly(new OutboundContent.Button("a", "A"));
        });
        assertThat(reply.handover()).isTrue();
        assertThat(reply.variables())
                .containsEntry("city", "Monterrey")
                .containsEntry("vip", false)
                .containsKey("old")
                .containsKey("visits");
        assertThat(reply.variables().get("old")).isNull();
        assertThat(((Number) reply.variables().get("visits")).intValue()).isEqualTo(3);
    }

    @Test
    void should_read_an_empty_object_as_saying_nothing() {
        Reply reply = read("{}", WITH_BUTTONS);

        assertThat(reply.messages()).isEmpty();
        assertThat(reply.handover()).isFalse();
        assertThat(reply.variables()).isEmpty();
    }

    @Test
    void should_send_buttons_as_their_text_on_a_channel_without_buttons() {
        Reply reply = read("""
                {"messages": [{"text": "Pick one", "buttons": [{"id": "a", "title": "Small"}, {"id": "b", "title": "Large"}]}]}""", TEXT_ONLY);

        assertThat(reply.messages())
                .singleElement()
                .isInstanceOfSatisfying(
                        OutboundContent.Text.class,
                        text -> assertThat(text.text()).contains("Pick one", "Small", "Large"));
    }

    @Test
    void should_name_the_member_that_breaks_the_contract_without_echoing_values() {
        assertThat(refusal("{\"messages\": [{\"text\": \"x\", \"buttons\": [{\"id\": \"a\", \"label\": \"A\"}]}]}"))
                .contains("messages[0].buttons[0]", "'label'");
        assertThat(refusal("{\"messages\": [{\"text\": \"secret text\", \"buttons\": []}]}"))
                .contains("messages[0]")
                .doesNotContain("secret text");
        assertThat(refusal("{\"messages\": "
                        + List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).stream()
                                .map(i -> "{\"text\": \"t\"}")
                                .toList() + "}"))
                .contains("at most 10");
        assertThat(refusal("{\"variables\": {\"city\": \"" + "x".repeat(501) + "\"}}"))
                .contains("variables.city");
        assertThat(refusal("{\"variables\": {\"\": \"x\"}}")).contains("variables");
        assertThat(refusal("{\"handover\": 1}")).contains("handover");
        assertThat(refusal("")).isNotEmpty();
        assertThat(refusal("null")).contains("object");
    }

    private static String refusal(String answer) {
        MalformedReply refused = catchThrowableOfType(MalformedReply.class, () -> read(answer, WITH_BUTTONS));
        assertThat(refused).as(answer).isNotNull();
        return refused.getMessage();
    }

    private static Reply read(String answer, ChannelCapabilities channel) {
        return EngineReplies.read(JSON, answer.getBytes(StandardCharsets.UTF_8), channel);
    }

    private static ChannelCapabilities capabilities(EnumSet<OutboundKind> kinds) {
        return new ChannelCapabilities(Optional.empty(), false, 4096, LongText.SPLIT, List.of("kind"), kinds, true);
    }
}
