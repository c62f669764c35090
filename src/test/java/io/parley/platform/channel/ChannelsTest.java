package io.parley.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.platform.channel.ChannelCapabilities.LongText;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelsTest {
    private static ChannelDefinition definition(String type, Optional<Duration> window, boolean paced) {
        ChannelCapabilities capabilities = new ChannelCapabilities(
                window, paced, 100, LongText.SPLIT, List.of("kind"), EnumSet.of(OutboundKind.TEXT), true);
        return new ChannelDefinition() {
            @Override
            public ChannelType type() {
                return new ChannelType(type);
            }

            @Override
            public ChannelCapabilities capabilities() {
                return capabilities;
            }

            @Override
            public FailureClass classify(String code) {
                return "closed".equals(code) ? FailureClass.WINDOW_CLOSED : FailureClass.PERMANENT;
            }
        };
    }

    private final Channels channels = new Channels(List.of(
            definition("windowed", Optional.of(Duration.ofHours(24)), true),
            definition("plain", Optional.empty(), false)));

    @Test
    void should_answer_capabilities_by_type_and_refuse_an_unknown_type_naming_the_known_ones() {
        assertThat(channels.types()).containsExactly("plain", "windowed");
        assertThat(channels.capabilities(new ChannelType("windowed")).serviceWindow())
                .contains(Duration.ofHours(24));
        assertThatThrownBy(() -> channels.capabilities(new ChannelType("telegram")))
                .isInstanceOf(Channels.UnknownChannelTypeException.class)
                .hasMessageContaining("telegram")
                .hasMessageContaining("plain, windowed");
    }

    @Test
    void should_treat_a_type_no_channel_serves_as_unpaced_windowless_and_never_window_closed() {
        ChannelType gone = new ChannelType("gone");

        assertThat(channels.paced(gone)).isFalse();
        assertThat(channels.hasServiceWindow(gone)).isFalse();
        assertThat(channels.closesWindow(gone, "closed")).isFalse();
        assertThat(channels.paced(new ChannelType("windowed"))).isTrue();
        assertThat(channels.hasServiceWindow(new ChannelType("windowed"))).isTrue();
        assertThat(channels.closesWindow(new ChannelType("windowed"), "closed")).isTrue();
        assertThat(channels.closesWindow(new ChannelType("windowed"), null)).isFalse();
    }

    @Test
    void should_refuse_two_definitions_of_one_type_and_incoherent_capabilities() {
        assertThatThrownBy(() -> new Channels(List.of(
                        definition("dup", Optional.empty(), false), definition("dup", Optional.empty(), false))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ChannelCapabilities(
                        Optional.empty(), false, 100, LongText.SPLIT, List.of(), EnumSet.of(OutboundKind.TEXT), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelCapabilities(
                        Optional.empty(),
                        false,
                        100,
                        LongText.SPLIT,
                        List.of("k"),
                        EnumSet.of(OutboundKind.MEDIA_LINK),
                        false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelCapabilities(
                        Optional.of(Duration.ZERO),
                        false,
                        100,
                        LongText.SPLIT,
                        List.of("k"),
                        EnumSet.of(OutboundKind.TEXT),
                        false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
