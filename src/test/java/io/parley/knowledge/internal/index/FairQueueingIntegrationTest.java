package io.parley.knowledge.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.sql.Timestamp;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An organization with its ingestion slots taken waits; another organization's source is claimed at once. */
class FairQueueingIntegrationTest extends IntegrationTestSupport {
    @Autowired
    SourceClaims claims;

    @Test
    void should_make_a_busy_organization_wait_without_blocking_another_one() {
        String busyBot = bot();
        String busyOrg = organizationOf(busyBot);
        insertSource(busyOrg, busyBot, "processing");
        insertSource(busyOrg, busyBot, "processing");
        UUID waiting = insertSource(busyOrg, busyBot, "pending");
        String otherBot = bot();
        UUID other = insertSource(organizationOf(otherBot), otherBot, "pending");

        assertThat(claims.claim(waiting)).isInstanceOf(SourceClaims.Wait.class);
        assertThat(claims.claim(other)).isInstanceOf(SourceClaims.Claimed.class);
        assertThat(status(waiting)).isEqualTo("pending");
        assertThat(status(other)).isEqualTo("processing");
    }

    private String bot() {
        String org = Tenants.organization(api, "Fair " + UUID.randomUUID());
        Api.Response bot = api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Fair", "systemPrompt": "x", "model": {"provider": "offline"}}""");
        return bot.text("id");
    }

    private String organizationOf(String bot) {
        return jdbc.sql("select organization_id::text from chatbots where id = :id")
                .param("id", UUID.fromString(bot))
                .query(String.class)
                .single();
    }

    /** A source row without a job, so only this test moves it. */
    private UUID insertSource(String org, String bot, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into knowledge_sources (id, organization_id, chatbot_id, type, name, status, updated_at)
                        values (:id, :org, :bot, 'text', 'fair', :status, :now)""")
                .param("id", id)
                .param("org", UUID.fromString(org))
                .param("bot", UUID.fromString(bot))
                .param("status", status)
                .param("now", Timestamp.from(time.now()))
                .update();
        return id;
    }

    private String status(UUID id) {
        return jdbc.sql("select status from knowledge_sources where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
