package io.parley.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelConnector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChannelConnectorsTest {
    private static ChannelConnector connector(String type) {
        return new ChannelConnector() {
            @Override
            public ChannelType type() {
                return new ChannelType(type);
            }

            @Override
            public Map<String, Object> connect(ChatbotId chatbotId, Map<String, Object> request) {
                return Map.of("id", "new", "type", type);
            }

            @Override
            public Map<String, Object> view(ChannelAccount account) {
                return Map.of("id", account.id().value(), "type", type, "shownBy", type);
            }
        };
    }

    @Test
    void should_dispatch_to_the_connector_of_the_requested_type_when_a_new_channel_registers_one() {
        ChannelConnectors connectors = new ChannelConnectors(List.of(connector("alpha"), connector("beta")));

        assertThat(connectors.forRequest("beta").type()).isEqualTo(new ChannelType("beta"));
        assertThat(connectors.forRequest("beta").connect(new ChatbotId(UUID.randomUUID()), Map.of()))
                .containsEntry("type", "beta");
        assertThat(connectors.types()).containsExactly("alpha", "beta");
    }

    @Test
    void should_refuse_an_unknown_missing_or_malformed_type_naming_the_known_ones() {
        ChannelConnectors connectors = new ChannelConnectors(List.of(connector("beta"), connector("alpha")));

        for (Object type : new Object[] {"telegram", null, "", 42, "Alpha", "../x"}) {
            assertThatThrownBy(() -> connectors.forRequest(type))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.code()).isEqualTo("unsupported_channel_type");
                        assertThat(e.getMessage()).contains("alpha, beta");
                        assertThat(e.context()).containsEntry("knownTypes", List.of("alpha", "beta"));
                    });
        }
    }

    @Test
    void should_list_an_account_of_a_type_without_connector_with_the_fields_every_account_has() {
        ChannelConnectors connectors = new ChannelConnectors(List.of(connector("alpha")));
        ChannelAccount alpha = account("alpha");
        ChannelAccount gone = account("gone");

        assertThat(connectors.view(alpha)).containsEntry("shownBy", "alpha");
        assertThat(connectors.view(gone))
                .containsOnlyKeys("id", "chatbotId", "type", "createdAt")
                .containsEntry("type", "gone");
    }

    @Test
    void should_refuse_two_connectors_for_one_type() {
        assertThatThrownBy(() -> new ChannelConnectors(List.of(connector("alpha"), connector("alpha"))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static ChannelAccount account(String type) {
        return new ChannelAccount(
                new ChannelAccountId(UUID.randomUUID()),
                new OrganizationId(UUID.randomUUID()),
                new ChatbotId(UUID.randomUUID()),
                new ChannelType(type),
                "x",
                null,
                null,
                null,
                Instant.now());
    }
}
