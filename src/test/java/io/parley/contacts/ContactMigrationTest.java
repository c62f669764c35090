package io.parley.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.TestDatabases;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The organization contacts migration (V28, ADR 31) on per-chatbot contacts shaped like V26's schema: the same
 * WhatsApp number within one organization becomes one contact, and everything that pointed at the merged contact
 * follows it; web chat visitors, other numbers and other organizations stay apart. Plain Flyway, no Spring.
 */
class ContactMigrationTest {
    private static final Instant T1 = Instant.parse("2026-10-01T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-10-05T09:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant T4 = Instant.parse("2026-11-20T09:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-01");

    private final DriverManagerDataSource database = new DriverManagerDataSource(TestDatabases.fresh());
    private final JdbcClient jdbc = JdbcClient.create(database);
    private UUID org;
    private UUID firstBot;
    private UUID secondBot;
    private UUID firstAccount;
    private UUID secondAccount;

    @BeforeEach
    void schemaBeforeOrganizationContacts() {
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .target("26")
                .load()
                .migrate();
        org = organization("Shop");
        firstBot = chatbot(org, "Sales");
        secondBot = chatbot(org, "Support");
        firstAccount = account(org, firstBot, "whatsapp", "pn-1-" + firstBot);
        secondAccount = account(org, secondBot, "whatsapp", "pn-2-" + secondBot);
    }

    @Test
    void should_merge_one_organizations_contacts_with_the_same_number_and_move_what_pointed_at_them() {
        UUID older = contact(org, firstBot, "Ana", T1, T3, "{\"city\": \"Berlin\", \"plan\": \"basic\"}", "vip");
        identity(org, firstBot, older, "wa_id", "4915111");
        UUID newer = contact(org, secondBot, "Ana B.", T2, T4, "{\"plan\": \"pro\"}", "new");
        identity(org, secondBot, newer, "wa_id", "4915111");
        identity(org, secondBot, newer, "bsuid", "DE.abc");
        UUID olderConversation = conversation(org, firstBot, older, firstAccount);
        UUID newerConversation = conversation(org, secondBot, newer, secondAccount);
        UUID olderSession = session(org, firstBot, older, olderConversation);
        UUID newerSession = session(org, secondBot, newer, newerConversation);
        UUID staleLead = lead(org, firstBot, older, "+4915111", T1);
        UUID freshLead = lead(org, secondBot, newer, "+4915111", T2);
        usageRecord(org, firstBot, older, olderConversation);
        usageRecord(org, secondBot, newer, newerConversation);
        usageDay(org, older, DAY, 2);
        usageDay(org, newer, DAY, 3);
        usageDay(org, newer, DAY.plusDays(1), 1);
        UUID campaign = campaign(org, secondBot, secondAccount);
        jdbc.sql("insert into campaign_messages (campaign_id, contact_id, message_id) values (:c, :contact, :m)")
                .param("c", campaign)
                .param("contact", newer)
                .param("m", UUID.randomUUID())
                .update();

        migrate();

        assertThat(exists("contacts", newer))
                .as("the newer contact merged away")
                .isFalse();
        assertThat(identities(older)).containsExactlyInAnyOrder("phone:+4915111", "bsuid:DE.abc");
        Map<String, Object> row = jdbc.sql("""
                        select display_name, tier, cast(variables as text) as variables, array_to_string(tags, ',') as tags,
                               last_seen_at, created_at, chatbot_id from contacts where id = :id""").param("id", older).query().singleRow();
        assertThat(row.get("display_name")).as("the name last seen").isEqualTo("Ana B.");
        assertThat(row.get("tier")).isEqualTo("verified");
        assertThat((String) row.get("variables"))
                .contains("\"city\": \"Berlin\"")
                .contains("\"plan\": \"pro\"");
        assertThat(row.get("tags")).isEqualTo("new,vip");
        assertThat(((Timestamp) row.get("last_seen_at")).toInstant()).isEqualTo(T4);
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(T1);
        assertThat(row.get("chatbot_id")).as("first seen by").isEqualTo(firstBot);
        assertThat(contactOf("conversations", olderConversation)).isEqualTo(older);
        assertThat(contactOf("conversations", newerConversation)).isEqualTo(older);
        assertThat(contactOf("sessions", olderSession)).isEqualTo(older);
        assertThat(contactOf("sessions", newerSession)).isEqualTo(older);
        assertThat(contactOf("leads", freshLead)).as("the lead touched last").isEqualTo(older);
        assertThat(contactOf("leads", staleLead))
                .as("stays in the lead list without a contact")
                .isNull();
        assertThat(jdbc.sql("select count(*) from usage_records where contact_id = :id")
                        .param("id", older)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("select day, messages from contact_usage_days where contact_id = :id order by day")
                        .param("id", older)
                        .query((rs, n) -> rs.getDate(1).toLocalDate() + "=" + rs.getLong(2))
                        .list())
                .containsExactly(DAY + "=5", DAY.plusDays(1) + "=1");
        assertThat(jdbc.sql("select contact_id from campaign_messages where campaign_id = :c")
                        .param("c", campaign)
                        .query(UUID.class)
                        .single())
                .isEqualTo(older);
    }

    @Test
    void should_keep_web_visitors_other_numbers_and_other_organizations_apart() {
        UUID whatsApp = contact(org, firstBot, "Ana", T1, T3, "{}", null);
        identity(org, firstBot, whatsApp, "wa_id", "4915111");
        UUID visitor = contact(org, firstBot, null, T1, T3, "{}", null);
        identity(org, firstBot, visitor, "webchat", "session-1");
        UUID otherVisitor = contact(org, secondBot, null, T2, T3, "{}", null);
        identity(org, secondBot, otherVisitor, "webchat", "session-2");
        UUID otherNumber = contact(org, secondBot, "Ben", T2, T3, "{}", null);
        identity(org, secondBot, otherNumber, "wa_id", "4915222");
        UUID otherOrg = organization("Other shop");
        UUID otherBot = chatbot(otherOrg, "Sales");
        UUID sameNumberElsewhere = contact(otherOrg, otherBot, "Ana", T2, T3, "{}", null);
        identity(otherOrg, otherBot, sameNumberElsewhere, "wa_id", "4915111");

        migrate();

        assertThat(jdbc.sql("select count(*) from contacts where organization_id = :org")
                        .param("org", org)
                        .query(Integer.class)
                        .single())
                .isEqualTo(4);
        assertThat(identities(whatsApp)).containsExactly("phone:+4915111");
        assertThat(identities(visitor)).containsExactly("webchat:session-1");
        assertThat(identities(otherVisitor)).containsExactly("webchat:session-2");
        assertThat(identities(otherNumber)).containsExactly("phone:+4915222");
        assertThat(identities(sameNumberElsewhere)).containsExactly("phone:+4915111");
        assertThat(tier(whatsApp)).isEqualTo("verified");
        assertThat(tier(visitor)).isEqualTo("guest");
        assertThat(tier(sameNumberElsewhere)).isEqualTo("verified");
    }

    @Test
    void should_delete_with_a_chatbot_only_the_contacts_no_other_chatbot_talks_with() {
        UUID shared = contact(org, secondBot, "Ana", T1, T3, "{}", null);
        identity(org, secondBot, shared, "wa_id", "4915111");
        conversation(org, secondBot, shared, secondAccount);
        conversation(org, firstBot, shared, firstAccount);
        UUID own = contact(org, secondBot, "Ben", T1, T3, "{}", null);
        identity(org, secondBot, own, "wa_id", "4915222");
        conversation(org, secondBot, own, secondAccount);
        UUID firstSeenOnly = contact(org, secondBot, "Cy", T1, T3, "{}", null);
        UUID others = contact(org, firstBot, "Dee", T1, T3, "{}", null);
        migrate();

        jdbc.sql("delete from chatbots where id = :id").param("id", secondBot).update();

        assertThat(exists("contacts", shared))
                .as("another chatbot talks with it")
                .isTrue();
        assertThat(identities(shared)).containsExactly("phone:+4915111");
        assertThat(jdbc.sql("select chatbot_id from contacts where id = :id")
                        .param("id", shared)
                        .query((rs, n) -> rs.getObject(1))
                        .list())
                .as("first seen by a deleted chatbot")
                .containsOnlyNulls();
        assertThat(exists("contacts", own)).isFalse();
        assertThat(exists("contacts", firstSeenOnly)).isFalse();
        assertThat(exists("contacts", others)).isTrue();
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private UUID organization(String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into organizations (id, name) values (:id, :name)")
                .param("id", id)
                .param("name", name)
                .update();
        return id;
    }

    private UUID chatbot(UUID organization, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into chatbots (id, organization_id, name, system_prompt, fallback_error, fallback_limit,
                            fallback_unknown) values (:id, :org, :name, 'Help.', 'e', 'l', 'u')""")
                .param("id", id)
                .param("org", organization)
                .param("name", name)
                .update();
        return id;
    }

    private UUID account(UUID organization, UUID bot, String type, String external) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into channel_accounts (id, organization_id, chatbot_id, type, external_id)
                        values (:id, :org, :bot, :type, :external)""")
                .param("id", id)
                .param("org", organization)
                .param("bot", bot)
                .param("type", type)
                .param("external", external)
                .update();
        return id;
    }

    private UUID contact(
            UUID organization, UUID bot, String name, Instant created, Instant seen, String variables, String tag) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into contacts (id, organization_id, chatbot_id, display_name, variables, tags,
                            created_at, last_seen_at)
                        values (:id, :org, :bot, :name, cast(:variables as jsonb), :tags, :created, :seen)""")
                .param("id", id)
                .param("org", organization)
                .param("bot", bot)
                .param("name", name)
                .param("variables", variables)
                .param("tags", tag == null ? new String[0] : new String[] {tag})
                .param("created", Timestamp.from(created))
                .param("seen", Timestamp.from(seen))
                .update();
        return id;
    }

    private void identity(UUID organization, UUID bot, UUID contact, String kind, String value) {
        jdbc.sql("""
                        insert into contact_identities (chatbot_id, kind, value, contact_id, organization_id)
                        values (:bot, :kind, :value, :contact, :org)""")
                .param("bot", bot)
                .param("kind", kind)
                .param("value", value)
                .param("contact", contact)
                .param("org", organization)
                .update();
    }

    private UUID conversation(UUID organization, UUID bot, UUID contact, UUID account) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into conversations (id, organization_id, chatbot_id, contact_id, channel_account_id,
                            channel) values (:id, :org, :bot, :contact, :account, 'whatsapp')""")
                .param("id", id)
                .param("org", organization)
                .param("bot", bot)
                .param("contact", contact)
                .param("account", account)
                .update();
        return id;
    }

    private UUID session(UUID organization, UUID bot, UUID contact, UUID conversation) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into sessions (id, organization_id, conversation_id, contact_id, chatbot_id, started_at,
                            last_message_at) values (:id, :org, :conversation, :contact, :bot, :at, :at)""")
                .param("id", id)
                .param("org", organization)
                .param("conversation", conversation)
                .param("contact", contact)
                .param("bot", bot)
                .param("at", Timestamp.from(T3))
                .update();
        return id;
    }

    private UUID lead(UUID organization, UUID bot, UUID contact, String phone, Instant updated) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into leads (id, organization_id, chatbot_id, contact_id, phone, updated_at)
                        values (:id, :org, :bot, :contact, :phone, :updated)""")
                .param("id", id)
                .param("org", organization)
                .param("bot", bot)
                .param("contact", contact)
                .param("phone", phone)
                .param("updated", Timestamp.from(updated))
                .update();
        return id;
    }

    private void usageRecord(UUID organization, UUID bot, UUID contact, UUID conversation) {
        jdbc.sql("""
                        insert into usage_records (organization_id, chatbot_id, contact_id, conversation_id, provider)
                        values (:org, :bot, :contact, :conversation, 'offline')""")
                .param("org", organization)
                .param("bot", bot)
                .param("contact", contact)
                .param("conversation", conversation)
                .update();
    }

    private void usageDay(UUID organization, UUID contact, LocalDate day, long messages) {
        jdbc.sql("""
                        insert into contact_usage_days (organization_id, contact_id, day, messages)
                        values (:org, :contact, :day, :messages)""")
                .param("org", organization)
                .param("contact", contact)
                .param("day", java.sql.Date.valueOf(day))
                .param("messages", messages)
                .update();
    }

    private UUID campaign(UUID organization, UUID bot, UUID account) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into campaigns (id, organization_id, chatbot_id, channel_account_id, name, tag, text,
                            total, created_at) values (:id, :org, :bot, :account, 'Spring', 'new', 'Hi', 1, now())""")
                .param("id", id)
                .param("org", organization)
                .param("bot", bot)
                .param("account", account)
                .update();
        return id;
    }

    private List<String> identities(UUID contact) {
        return jdbc.sql("select kind || ':' || value from contact_identities where contact_id = :id")
                .param("id", contact)
                .query(String.class)
                .list();
    }

    private String tier(UUID contact) {
        return jdbc.sql("select tier from contacts where id = :id")
                .param("id", contact)
                .query(String.class)
                .single();
    }

    private boolean exists(String table, UUID id) {
        return jdbc.sql("select count(*) from " + table + " where id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    private UUID contactOf(String table, UUID id) {
        return jdbc.sql("select contact_id from " + table + " where id = :id")
                .param("id", id)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list()
                .getFirst();
    }
}
