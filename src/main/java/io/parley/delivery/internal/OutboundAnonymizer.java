package io.parley.delivery.internal;

import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Replaces outbound payloads with their anonymized form (content retention); see {@link OutboundPayload}. */
@Repository
public class OutboundAnonymizer {
    private final JdbcClient jdbc;

    OutboundAnonymizer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Anonymizes the outbound rows of these messages; rows anonymized already are left alone. Returns how many. */
    public int anonymize(OrganizationId organization, Collection<MessageId> messageIds) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update outbound_messages o set payload = %s, updated_at = now()
                        where o.organization_id = :org and o.message_id = any(:ids) and %s""".formatted(OutboundPayload.ANONYMIZED, OutboundPayload.hasContent("o")))
                .param("org", organization.value())
                .param("ids", messageIds.stream().map(MessageId::value).toArray(UUID[]::new))
                .update();
    }
}
