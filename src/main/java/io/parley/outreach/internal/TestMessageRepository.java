package io.parley.outreach.internal;

import io.parley.access.StaffUserId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TestMessageRepository {
    private final JdbcClient jdbc;

    TestMessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(OutboundMessageId id, OrganizationId organization, StaffUserId staffUser, MessageId message) {
        jdbc.sql("""
                        insert into test_messages (id, organization_id, staff_user_id, message_id)
                        values (:id, :org, :user, :message)""")
                .param("id", id.value())
                .param("org", organization.value())
                .param("user", staffUser.value())
                .param("message", message.value())
                .update();
    }

    public Optional<MessageId> messageOf(OrganizationId organization, UUID id) {
        return jdbc.sql("select message_id from test_messages where id = :id and organization_id = :org")
                .param("id", id)
                .param("org", organization.value())
                .query((rs, row) -> new MessageId(rs.getObject(1, UUID.class)))
                .optional();
    }
}
