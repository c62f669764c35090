package io.parley.contacts.internal;

import io.parley.contacts.Contact;
import io.parley.contacts.ContactIdentity;
import io.parley.contacts.ContactTier;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class ContactRepository {
    private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final JsonMapper json;

    ContactRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The contact that owns an identity, with its tier. */
    public record Owner(ContactId id, ContactTier tier) {}

    /** Who owns each of {@code identities} in the organization (absent: nobody). */
    public Map<ContactIdentity, Owner> owners(OrganizationId organizationId, List<ContactIdentity> identities) {
        // Scalar equality per identity: one primary-key probe each (an array parameter makes a generic plan scan).
        String matches = IntStream.range(0, identities.size())
                .mapToObj(i -> "(i.kind = :kind" + i + " and i.value = :value" + i + ")")
                .collect(Collectors.joining(" or "));
        var statement = jdbc.sql("""
                        select i.kind, i.value, i.contact_id, c.tier
                        from contact_identities i join contacts c on c.id = i.contact_id
                        where i.organization_id = :org and (%s)""".formatted(matches)).param("org", organizationId.value());
        for (int i = 0; i < identities.size(); i++) {
            statement = statement
                    .param("kind" + i, identities.get(i).kind())
                    .param("value" + i, identities.get(i).value());
        }
        Map<ContactIdentity, Owner> owners = new LinkedHashMap<>();
        statement.query(rs -> {
            owners.put(
                    new ContactIdentity(rs.getString("kind"), rs.getString("value")),
                    new Owner(contactId(rs, "contact_id"), ContactTier.fromWire(rs.getString("tier"))));
        });
        return owners;
    }

    /**
     * Serializes, until the caller's transaction ends, everyone resolving any of these identities of the
     * organization: two first messages of one person then make one contact. Locks are taken in one order.
     */
    public void lock(OrganizationId organizationId, List<ContactIdentity> identities) {
        String[] keys = identities.stream()
                .map(i -> organizationId + "|" + i.kind() + "|" + i.value())
                .toArray(String[]::new);
        jdbc.sql("""
                        select count(*) from (
                            select pg_advisory_xact_lock(h) from (
                                select distinct hashtextextended(k, 0) as h from unnest(cast(:keys as text[])) k
                                order by h) ordered) locked""").param("keys", keys).query(Long.class).single();
    }

    public void insert(
            ContactId id,
            OrganizationId organizationId,
            ChatbotId firstSeenBy,
            String displayName,
            ContactTier tier,
            Instant seenAt) {
        jdbc.sql("""
                        insert into contacts (id, organization_id, chatbot_id, display_name, tier, created_at, last_seen_at)
                        values (:id, :org, :bot, :name, :tier, :seen, :seen)""")
                .param("id", id.value())
                .param("org", organizationId.value())
                .param("bot", firstSeenBy == null ? null : firstSeenBy.value())
                .param("name", displayName)
                .param("tier", tier.wireName())
                .param("seen", Timestamp.from(seenAt))
                .update();
    }

    /** Adds identities to a contact; returns those another contact already had (none under {@link #lock}). */
    public List<ContactIdentity> attach(
            OrganizationId organizationId, ChatbotId firstSeenBy, ContactId id, List<ContactIdentity> identities) {
        List<ContactIdentity> taken = new ArrayList<>();
        for (ContactIdentity identity : identities) {
            int added = jdbc.sql("""
                            insert into contact_identities (organization_id, kind, value, contact_id, chatbot_id)
                            values (:org, :kind, :value, :id, :bot) on conflict do nothing""")
                    .param("org", organizationId.value())
                    .param("kind", identity.kind())
                    .param("value", identity.value())
                    .param("id", id.value())
                    .param("bot", firstSeenBy == null ? null : firstSeenBy.value())
                    .update();
            if (added == 0) {
                taken.add(identity);
            }
        }
        return taken;
    }

    /**
     * Records that the contact was seen: a new name, a higher tier. The row is only rewritten when something
     * changed or it was last seen over a minute ago: a burst of messages must not rewrite it each time.
     */
    public void touch(ContactId id, String displayName, ContactTier tier, Instant seenAt) {
        jdbc.sql("""
                        update contacts
                        set display_name = coalesce(:name, display_name),
                            last_seen_at = greatest(last_seen_at, :seen), tier = :tier
                        where id = :id
                          and (display_name is distinct from coalesce(:name, display_name)
                               or last_seen_at < cast(:seen as timestamptz) - interval '1 minute'
                               or tier <> :tier)""")
                .param("id", id.value())
                .param("name", displayName)
                .param("seen", Timestamp.from(seenAt))
                .param("tier", tier.wireName())
                .update();
    }

    public boolean remember(
            OrganizationId organizationId, ContactId id, Map<String, Object> variables, List<String> tags) {
        return jdbc.sql("""
                        update contacts
                        set variables = jsonb_strip_nulls(variables || cast(:variables as jsonb)),
                            tags = (select coalesce(array_agg(distinct t order by t), '{}') from unnest(tags || cast(:tags as text[])) t)
                        where id = :id and organization_id = :org""")
                        .param("id", id.value())
                        .param("org", organizationId.value())
                        .param("variables", json.writeValueAsString(jsonWithNulls(variables)))
                        .param("tags", tags.toArray(String[]::new))
                        .update()
                == 1;
    }

    /** Sets the name (when not null) and replaces the variables (when not null) of the organization's contact. */
    public boolean edit(
            OrganizationId organizationId,
            ContactId id,
            String displayName,
            boolean clearName,
            Map<String, Object> variables) {
        return jdbc.sql("""
                        update contacts
                        set display_name = case when :clear then null else coalesce(:name, display_name) end,
                            variables = coalesce(cast(:variables as jsonb), variables)
                        where id = :id and organization_id = :org""")
                        .param("id", id.value())
                        .param("org", organizationId.value())
                        .param("name", displayName)
                        .param("clear", clearName)
                        .param("variables", variables == null ? null : json.writeValueAsString(variables))
                        .update()
                == 1;
    }

    public Optional<ContactId> findByIdentity(OrganizationId organizationId, String kind, String value) {
        return jdbc.sql("""
                        select contact_id from contact_identities
                        where organization_id = :org and kind = :kind and value = :value""")
                .param("org", organizationId.value())
                .param("kind", kind)
                .param("value", value)
                .query((rs, row) -> contactId(rs, "contact_id"))
                .optional();
    }

    /** Replaces the tags of the organization's contact; false if it is not the organization's. */
    public boolean setTags(OrganizationId organizationId, ContactId id, List<String> tags) {
        return jdbc.sql("update contacts set tags = cast(:tags as text[]) where id = :id and organization_id = :org")
                        .param("tags", tags.toArray(String[]::new))
                        .param("id", id.value())
                        .param("org", organizationId.value())
                        .update()
                == 1;
    }

    // A chatbot's audience: the contacts it first saw or has a conversation with. Reading the conversation
    // module's table keeps one keyset query per campaign page instead of a copy of that relation here.
    private static final String CHATBOTS_CONTACTS = """
            (chatbot_id = :bot or id in (select contact_id from conversations where chatbot_id = :bot))""";

    public int countTagged(ChatbotId chatbotId, String tag) {
        return jdbc.sql("select count(*) from contacts where tags @> array[cast(:tag as text)] and "
                        + CHATBOTS_CONTACTS)
                .param("bot", chatbotId.value())
                .param("tag", tag)
                .query(Integer.class)
                .single();
    }

    /** Keyset page of a chatbot's contacts with a tag, by id, after {@code after} (null: from the start). */
    public List<ContactId> taggedAfter(ChatbotId chatbotId, String tag, ContactId after, int limit) {
        return jdbc.sql("""
                        select id from contacts
                        where tags @> array[cast(:tag as text)] and %s
                          and (cast(:after as uuid) is null or id > cast(:after as uuid))
                        order by id limit :limit""".formatted(CHATBOTS_CONTACTS))
                .param("bot", chatbotId.value())
                .param("tag", tag)
                .param("after", after == null ? null : after.value())
                .param("limit", limit)
                .query((rs, row) -> contactId(rs, "id"))
                .list();
    }

    /**
     * A keyset page of the organization's contacts by id; {@code q} (optional) matches the name or an identity's
     * value, case-insensitively, as a substring.
     */
    public List<ContactId> list(OrganizationId organizationId, String q, ContactId after, int limit) {
        String pattern = q == null
                ? null
                : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                        select c.id from contacts c
                        where c.organization_id = :org
                          and (cast(:after as uuid) is null or c.id > cast(:after as uuid))
                          and (cast(:q as text) is null or c.display_name ilike :q
                               or exists (select 1 from contact_identities i
                                          where i.contact_id = c.id and i.value ilike :q))
                        order by c.id limit :limit""")
                .param("org", organizationId.value())
                .param("after", after == null ? null : after.value())
                .param("q", pattern)
                .param("limit", limit)
                .query((rs, row) -> contactId(rs, "id"))
                .list();
    }

    /** Locks both contacts (in id order) if both are the organization's; false otherwise. */
    public boolean lockPair(OrganizationId organizationId, ContactId a, ContactId b) {
        return jdbc.sql("""
                        select id from contacts where organization_id = :org and id in (:a, :b)
                        order by id for update""")
                        .param("org", organizationId.value())
                        .param("a", a.value())
                        .param("b", b.value())
                        .query(UUID.class)
                        .list()
                        .size()
                == 2;
    }

    /**
     * Folds {@code from} into {@code into}: identities move, {@code into}'s name and variables win over
     * {@code from}'s, tags are the union, tier the higher, first and last seen the wider span; {@code from} is
     * deleted (what still references it goes by its foreign keys: move it first).
     */
    public void fold(ContactId from, ContactId into) {
        jdbc.sql("update contact_identities set contact_id = :into where contact_id = :from")
                .param("from", from.value())
                .param("into", into.value())
                .update();
        jdbc.sql("""
                        update contacts s
                        set display_name = coalesce(s.display_name, l.display_name),
                            variables = l.variables || s.variables,
                            tags = (select coalesce(array_agg(distinct t order by t), '{}') from unnest(s.tags || l.tags) t),
                            tier = case when 'verified' in (s.tier, l.tier) then 'verified'
                                        when 'standard' in (s.tier, l.tier) then 'standard' else 'guest' end,
                            chatbot_id = case when l.created_at < s.created_at then coalesce(l.chatbot_id, s.chatbot_id)
                                              else coalesce(s.chatbot_id, l.chatbot_id) end,
                            created_at = least(s.created_at, l.created_at),
                            last_seen_at = greatest(s.last_seen_at, l.last_seen_at)
                        from contacts l where l.id = :from and s.id = :into""").param("from", from.value()).param("into", into.value()).update();
        jdbc.sql("delete from contacts where id = :from")
                .param("from", from.value())
                .update();
    }

    /** The application's mapper drops null values; here a null means "forget this variable", so keep them. */
    private tools.jackson.databind.JsonNode jsonWithNulls(Map<String, Object> variables) {
        tools.jackson.databind.node.ObjectNode node = json.createObjectNode();
        variables.forEach((key, value) -> node.set(key, value == null ? node.nullNode() : json.valueToTree(value)));
        return node;
    }

    /** The contacts with their identities (oldest first), in one round trip. */
    public Map<ContactId, Contact> findAll(Collection<ContactId> ids) {
        UUID[] wanted = ids.stream().map(ContactId::value).toArray(UUID[]::new);
        Map<ContactId, Contact> result = new LinkedHashMap<>();
        jdbc.sql("""
                        select c.*, i.kinds, i.identity_values from contacts c
                        left join lateral (
                            select array_agg(kind order by created_at, kind, value) as kinds,
                                   array_agg(value order by created_at, kind, value) as identity_values
                            from contact_identities where contact_id = c.id) i on true
                        where c.id = any(:ids)""").param("ids", wanted).query(rs -> {
            ContactId id = contactId(rs, "id");
            UUID firstBot = rs.getObject("chatbot_id", UUID.class);
            result.put(
                    id,
                    new Contact(
                            id,
                            new OrganizationId(rs.getObject("organization_id", UUID.class)),
                            firstBot == null ? null : new ChatbotId(firstBot),
                            rs.getString("display_name"),
                            ContactTier.fromWire(rs.getString("tier")),
                            identities(rs),
                            json.readValue(rs.getString("variables"), VARIABLES),
                            List.of((String[]) rs.getArray("tags").getArray()),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("last_seen_at").toInstant()));
        });
        return result;
    }

    private static List<ContactIdentity> identities(ResultSet rs) throws SQLException {
        java.sql.Array kinds = rs.getArray("kinds");
        if (kinds == null) {
            return List.of();
        }
        String[] k = (String[]) kinds.getArray();
        String[] v = (String[]) rs.getArray("identity_values").getArray();
        List<ContactIdentity> identities = new ArrayList<>(k.length);
        for (int n = 0; n < k.length; n++) {
            identities.add(new ContactIdentity(k[n], v[n]));
        }
        return identities;
    }

    private static ContactId contactId(ResultSet rs, String column) throws SQLException {
        return new ContactId(rs.getObject(column, UUID.class));
    }
}
