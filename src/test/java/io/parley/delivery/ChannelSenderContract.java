package io.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;
import io.parley.platform.channel.ChannelCapabilities;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.Channels;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@link ChannelSender} port's contract (issue 13), LangChain4j style: written once, run against every sender.
 * A channel's test extends this class and supplies a {@link Fixture}: a connected channel account, its provider
 * faked on the wire (WireMock), and what a repeated send promises. The suite calls the sender bean itself, the way
 * the delivery job does, and pins what delivery relies on: a text send answers {@link SendOutcome.Sent} with an id;
 * a repeated outbound id is not sent twice, or carries the same key for the receiver to drop; a provider's 429 and
 * 5xx are {@link SendOutcome.RetryLater} (honouring {@code Retry-After}), its 4xx {@link SendOutcome.Rejected} (an
 * alert for 401); content the channel's capabilities do not include is rejected, never thrown or sent.
 */
public abstract class ChannelSenderContract extends IntegrationTestSupport {
    @Autowired
    private List<ChannelSender> senders;

    @Autowired
    private Channels channels;

    protected Fixture fixture;
    protected Target target;
    private ChannelSender sender;

    /** How a channel's sender is set up and its provider observed. Implement it in the channel's contract test. */
    public interface Fixture {
        ChannelType type();

        /** A channel account connected the way an admin connects it, and a recipient on it. */
        Target connect(Api api);

        /** What the channel promises when one outbound id is sent again (the delivery retries after a lost answer). */
        Resend resend();

        /**
         * The delivery key each request that reached the provider carried for {@code target}, oldest first (our
         * outbound id, as the provider echoes it back); empty for a channel without a remote side.
         */
        List<String> keysOnTheWire(Target target);

        /**
         * Makes the provider answer every further send for {@code target} with {@code status} (and
         * {@code Retry-After: retryAfterSeconds} when not null); false for a channel without a remote side.
         */
        boolean answerSendsWith(Target target, int status, Integer retryAfterSeconds);
    }

    /** What a repeated send of one outbound id does. */
    public enum Resend {
        /** Nothing goes out again: the same provider id is answered (the channel publishes, nobody receives). */
        SAME_PROVIDER_ID,
        /** It goes out again carrying the same key, which the receiver (or the status reports) match it by. */
        SAME_KEY_ON_THE_WIRE
    }

    /** Where the suite sends: a channel account of an organization, and a recipient address on it. */
    public record Target(
            OrganizationId organizationId,
            ChannelAccountId channelAccountId,
            String recipient,
            Map<String, String> extra) {
        public Target {
            extra = Map.copyOf(extra);
        }
    }

    protected abstract Fixture fixture();

    @BeforeEach
    void connectAChannel() {
        fixture = fixture();
        sender = senders.stream()
                .filter(s -> s.channel().equals(fixture.type()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ChannelSender for " + fixture.type()));
        target = fixture.connect(api);
    }

    private OutboundEnvelope envelope(OutboundContent content) {
        return new OutboundEnvelope(
                new OutboundMessageId(UUID.randomUUID()),
                target.organizationId(),
                target.channelAccountId(),
                target.recipient(),
                content,
                null,
                1);
    }

    private OutboundEnvelope text(String text) {
        return envelope(new OutboundContent.Text(text));
    }

    @Test
    void should_be_the_one_sender_of_its_channel() {
        assertThat(senders.stream().filter(s -> s.channel().equals(fixture.type())))
                .hasSize(1);
        assertThat(channels.find(fixture.type()))
                .as("a sender needs its channel's definition")
                .isPresent();
    }

    @Test
    void should_answer_a_text_send_with_the_providers_id() {
        OutboundEnvelope envelope = text("Contract text " + UUID.randomUUID());

        SendOutcome outcome = sender.send(envelope);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.Sent.class,
                        sent -> assertThat(sent.providerMessageId()).isNotBlank());
        if (fixture.resend() == Resend.SAME_KEY_ON_THE_WIRE) {
            assertThat(fixture.keysOnTheWire(target))
                    .containsExactly(envelope.id().toString());
        } else {
            assertThat(fixture.keysOnTheWire(target)).isEmpty();
        }
    }

    @Test
    void should_not_send_one_outbound_id_twice_unless_the_receiver_can_tell() {
        OutboundEnvelope envelope = text("Contract resend " + UUID.randomUUID());

        SendOutcome first = sender.send(envelope);
        SendOutcome again = sender.send(envelope);

        assertThat(first).isInstanceOf(SendOutcome.Sent.class);
        assertThat(again).isInstanceOf(SendOutcome.Sent.class);
        switch (fixture.resend()) {
            case SAME_PROVIDER_ID -> {
                assertThat(again).isEqualTo(first);
                assertThat(fixture.keysOnTheWire(target)).isEmpty();
            }
            case SAME_KEY_ON_THE_WIRE ->
                assertThat(fixture.keysOnTheWire(target))
                        .containsExactly(envelope.id().toString(), envelope.id().toString());
        }
        SendOutcome other = sender.send(text("Contract other " + UUID.randomUUID()));
        assertThat(other)
                .isInstanceOfSatisfying(
                        SendOutcome.Sent.class,
                        sent -> assertThat(sent.providerMessageId())
                                .isNotEqualTo(((SendOutcome.Sent) first).providerMessageId()));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void should_retry_later_when_the_provider_is_throttled_or_failing(int status) {
        if (!fixture.answerSendsWith(target, status, 7)) {
            assertThat(sender.send(text("No provider to fail"))).isInstanceOf(SendOutcome.Sent.class);
            return;
        }

        SendOutcome outcome = sender.send(text("Contract " + status));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.RetryLater.class,
                        retry -> assertThat(retry.notBefore()).isEqualTo(Duration.ofSeconds(7)));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void should_reject_for_good_when_the_provider_refuses(int status) {
        if (!fixture.answerSendsWith(target, status, null)) {
            assertThat(sender.send(text("No provider to refuse"))).isInstanceOf(SendOutcome.Sent.class);
            return;
        }

        SendOutcome outcome = sender.send(text("Contract " + status));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, rejected -> {
            assertThat(rejected.code()).isNotBlank();
            assertThat(rejected.alert())
                    .as("refused credentials need an operator")
                    .isEqualTo(status == 401 || status == 403);
        });
    }

    @ParameterizedTest
    @EnumSource(OutboundKind.class)
    void should_reject_content_its_capabilities_do_not_include_and_send_the_rest(OutboundKind kind) {
        ChannelCapabilities capabilities = channels.capabilities(fixture.type());
        OutboundEnvelope envelope = envelope(sample(kind));

        SendOutcome outcome = sender.send(envelope);

        if (capabilities.supports(kind)) {
            assertThat(outcome).as(kind.name()).isInstanceOf(SendOutcome.Sent.class);
        } else {
            assertThat(outcome).as(kind.name()).isInstanceOfSatisfying(SendOutcome.Rejected.class, rejected -> {
                assertThat(rejected.code()).isEqualTo("unsupported_on_channel");
                assertThat(rejected.alert()).isFalse();
            });
            assertThat(fixture.keysOnTheWire(target))
                    .doesNotContain(envelope.id().toString());
        }
    }

    /** Valid content of each kind, as delivery would store it. */
    static OutboundContent sample(OutboundKind kind) {
        OutboundContent content = switch (kind) {
            case TEXT -> new OutboundContent.Text("Hello");
            case MEDIA_LINK -> new OutboundContent.Media("image", "https://cdn.example/cat.jpg", null, "A cat", null);
            case MEDIA_UPLOADED -> new OutboundContent.Media("image", null, "1234567890", null, null);
            case INTERACTIVE ->
                new OutboundContent.Interactive(
                        "button",
                        null,
                        "Pick one",
                        null,
                        List.of(new OutboundContent.Button("yes", "Yes"), new OutboundContent.Button("no", "No")),
                        null,
                        null,
                        null,
                        null);
            case REACTION -> new OutboundContent.Reaction("wamid.contract", "👍");
            case LOCATION -> new OutboundContent.Location(52.52, 13.405, "Office", "Street 1");
            case TEMPLATE -> new OutboundContent.Template("order_update", "en_US", List.of("42"));
        };
        content.validate();
        assertThat(content.outboundKind()).isEqualTo(kind);
        return content;
    }
}
