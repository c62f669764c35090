package io.parley.contacts.internal;

import io.parley.contacts.Contact;
import io.parley.contacts.ContactIdentity;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class ContactRepository {
    private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonMapper json;

    ContactRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One statement: find the contact owning any of the identities (else use {@code newId}), create or touch it,
     * and add the identities it did not have. The contact row is only rewritten when its name changed or it was
     * last seen over a minute ago: a burst of messages must not rewrite it each time.
     */
    public ContactId upsert(ContactId newId, OrganizationId organizationId, ChatbotId chatbotId,
                            List<ContactIdentity> identities, String displayName, Instant seenAt) {
        // Scalar equality per identity: with array parameters PostgreSQL's generic plan scans every identity of
        // the chatbot (cost growing with its contacts); this form is one primary-key probe per identity.
        String matches = java.util.stream.IntStream.range(0, identities.size())
                .mapToObj(i -> "(kind = :kind" + i + " and value = :value" + i + ")")
                .collect(java.util.stream.Collectors.joining(" or "));
        var statement = jdbc.sql("""
                        with wanted(kind, value) as (select * from unnest(cast(:kinds as text[]), cast(:values as text[]))),
                        existing as (
                            select contact_id from contact_identities
                            where chatbot_id = :bot and (%s)
                            order by created_at limit 1),
                        chosen as (select coalesce((select contact_id from existing), cast(:newId as uuid)) as id),
                        upserted as (
                            insert into contacts (id, organization_id, chatbot_id, display_name, last_seen_at)
                            select id, :org, :bot, :name, :seen from chosen
                            on conflict (id) do update
                              set display_name = coalesce(excluded.display_name, contacts.display_name),
                                  last_seen_at = greatest(contacts.last_seen_at, excluded.last_seen_at)
                              where contacts.display_name is distinct from coalesce(excluded.display_name, contacts.display_name)
                                 or contacts.last_seen_at < excluded.last_seen_at - interval '1 minute'),
                        added as (
                            insert into contact_identities (chatbot_id, kind, value, contact_id, organization_id)
                            select :bot, w.kind, w.value, (select id from chosen), :org from wanted w
                            on conflict (chatbot_id, kind, value) do nothing)
                        select id from chosen""".formatted(matches))
                .param("kinds", identities.stream().map(ContactIdentity::kind).toArray(String[]::new))
                .param("values", identities.stream().map(ContactIdentity::value).toArray(String[]::new))
                .param("bot", chatbotId.value()).param("org", organizationId.value()).param("newId", newId.value())
                .param("name", displayName).param("seen", Timestamp.from(seenAt));
        for (int i = 0; i < identities.size(); i++) {
            statement = statement.param("kind" + i, identities.get(i).kind()).param("value" + i, identities.get(i).value());
        }
        return statement
                .query((rs, row) -> new ContactId(rs.getObject(1, UUID.class))).single();
    }

    public boolean remember(OrganizationId organizationId, ContactId id, Map<String, Object> variables,
                            List<String> tags) {
        return jdbc.sql("""
                        update contacts
                        set variables = jsonb_strip_nulls(variables || cast(:variables as jsonb)),
                            tags = (select coalesce(array_agg(distinct t order by t), '{}') from unnest(tags || cast(:tags as text[])) t)
                        where id = :id and organization_id = :org""")
                .param("id", id.value()).param("org", organizationId.value())
                .param("variables", json.writeValueAsString(jsonWithNulls(variables))).param("tags", tags.toArray(String[]::new))
                .update() == 1;
    }

    public java.util.Optional<ContactId> findByIdentity(ChatbotId chatbotId, String kind, String value) {
        return jdbc.sql("select contact_id from contact_identities where chatbot_id = :bot and kind = :kind and value = :value")
                .param("bot", chatbotId.value()).param("kind", kind).param("value", value)
                .query((rs, row) -> new ContactId(rs.getObject(1, UUID.class))).optional();
    }

    /** Replaces the tags of a chatbot's contact; false if the contact is not the chatbot's. */
    public boolean setTags(ChatbotId chatbotId, ContactId id, List<String> tags) {
        return jdbc.sql("update contacts set tags = cast(:tags as text[]) where id = :id and chatbot_id = :bot")
                .param("tags", tags.toArray(String[]::new)).param("id", id.value()).param("bot", chatbotId.value())
                .update() == 1;
    }

    public int countTagged(ChatbotId chatbotId, String tag) {
        return jdbc.sql("select count(*) from contacts where chatbot_id = :bot and tags @> array[cast(:tag as text)]")
                .param("bot", chatbotId.value()).param("tag", tag).query(Integer.class).single();
    }

    /** Keyset page of a chatbot's contacts with a tag, by id, after {@code after} (null: from the start). */
    public List<ContactId> taggedAfter(ChatbotId chatbotId, String tag, ContactId after, int limit) {
        return jdbc.sql("""
                        select id from contacts
                        where chatbot_id = :bot and tags @> array[cast(:tag as text)]
                          and (cast(:after as uuid) is null or id > cast(:after as uuid))
                        order by id limit :limit""")
                .param("bot", chatbotId.value()).param("tag", tag).param("after", after == null ? null : after.value())
                .param("limit", limit).query((rs, row) -> new ContactId(rs.getObject(1, UUID.class))).list();
    }

    /** The application's mapper drops null values; here a null means "forget this variable", so keep them. */
    private tools.jackson.databind.JsonNode jsonWithNulls(Map<String, Object> variables) {
        tools.jackson.databind.node.ObjectNode node = json.createObjectNode();
        variables.forEach((key, value) -> node.set(key, value == null ? node.nullNode() : json.valueToTree(value)));
        return node;
    }

    public Map<ContactId, Contact> findAll(Collection<ContactId> ids) {
        UUID[] wanted = ids.stream().map(ContactId::value).toArray(UUID[]::new);
        Map<ContactId, List<ContactIdentity>> identities = new LinkedHashMap<>();
        jdbc.sql("select contact_id, kind, value from contact_identities where contact_id = any(:ids) order by created_at")
                .param("ids", wanted)
                .query(rs -> {
                    identities.computeIfAbsent(new ContactId(rs.getObject("contact_id", UUID.class)),
                            k -> new ArrayList<>()).add(new ContactIdentity(rs.getString("kind"), rs.getString("value")));
                });
        Map<ContactId, Contact> result = new LinkedHashMap<>();
        jdbc.sql("select * from contacts where id = any(:ids)").param("ids", wanted).query(rs -> {
            ContactId id = new ContactId(rs.getObject("id", UUID.class));
            result.put(id, new Contact(id, new OrganizationId(rs.getObject("organization_id", UUID.class)),
                    new ChatbotId(rs.getObject("chatbot_id", UUID.class)), rs.getString("display_name"),
                    identities.getOrDefault(id, List.of()), json.readValue(rs.getString("variables"), VARIABLES),
                    List.of((String[]) rs.getArray("tags").getArray()), rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("last_seen_at").toInstant()));
        });
        return result;
    }
}
