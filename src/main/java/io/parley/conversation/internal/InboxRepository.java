package io.parley.conversation.internal;

import io.parley.conversation.InboxChange;
import io.parley.conversation.InboxCursor;
import io.parley.conversation.InboxFilter;
import io.parley.conversation.InboxItem;
import io.parley.conversation.Owner;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inbox's read model: one query per page that first picks the page's conversations through the indexes of V32
 * (organization and newest activity, with the filters), then looks up for those rows only their chatbot, contact,
 * assignee, last message, unread count and failed-delivery mark. And the live inbox's "what changed since".
 *
 * <p>The one place that reads other modules' tables (ADR 54), read-only and scoped to the organization:
 * {@code chatbots.name}, {@code contacts.display_name}, {@code contact_identities.kind/value},
 * {@code staff_users.name/email} and {@code outbound_messages.status/conversation_id}. A change to those columns
 * must change this class; {@code InboxIntegrationTest} runs every filter and search against them.
 */
@Repository
public class InboxRepository {
    private static final String FAILED_STATUSES = "('failed', 'window_closed')";
    private static final int SEARCH_HITS = 20_000;
    private static final String MATCHING_CONTACTS = """
            select k.id from contacts k where k.organization_id = :org and k.display_name ilike :text
            union
            select i.contact_id from contact_identities i where i.organization_id = :org
                and i.kind in ('phone', 'email') and i.value ilike :identity""";
    private static final String RECENT_MESSAGES = """
            select m.conversation_id, m.content from messages m where m.organization_id = :org
            order by m.created_at desc limit :window""";

    private final JdbcClient jdbc;

    InboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} conversations after {@code after} (null: from the newest).
     *
     * @param viewer       the staff member whose read positions give the unread counts; null: no counts
     * @param searchWindow how many of the organization's newest messages a text search looks at
     */
    public List<InboxItem> page(
            OrganizationId organization,
            UUID viewer,
            InboxFilter filter,
            InboxCursor after,
            int limit,
            int searchWindow) {
        List<String> where = new ArrayList<>();
        where.add("c.organization_id = :org");
        List<Param> params = new ArrayList<>();
        params.add(new Param("org", organization.value()));
        if (filter.channel() != null) {
            where.add("c.channel = :channel");
            params.add(new Param("channel", filter.channel().wireName()));
        }
        if (filter.chatbot() != null) {
            where.add("c.chatbot_id = :bot");
            params.add(new Param("bot", filter.chatbot().value()));
        }
        if (filter.owner() != null) {
            where.add("c.owner = :owner");
            params.add(new Param("owner", filter.owner().wireName()));
        }
        if (filter.waiting()) {
            where.add("c.owner = 'human' and c.last_inbound_at >= c.last_message_at");
        }
        if (filter.assignedTo() != null) {
            where.add("c.assigned_to = :assignee");
            params.add(new Param("assignee", filter.assignedTo().value()));
        }
        if (filter.unassigned()) {
            where.add("c.assigned_to is null");
        }
        if (filter.failed()) {
            where.add("c.id in (select o.conversation_id from outbound_messages o where o.organization_id = :org"
                    + " and o.status in " + FAILED_STATUSES + ")");
        }
        if (filter.query() != null) {
            where.add(searchClause(organization, filter.query(), params, searchWindow));
        }
        if (after != null) {
            where.add("(c.last_message_at, c.id) < (:afterAt, :afterId)");
            params.add(new Param("afterAt", Timestamp.from(after.lastMessageAt())));
            params.add(new Param("afterId", after.id().value()));
        }
        params.add(new Param("limit", limit));
        params.add(new Param("viewer", viewer));
        params.add(new Param("cap", InboxItem.UNREAD_CAP + 1));
        JdbcClient.StatementSpec statement = jdbc.sql(sql(String.join(" and ", where), viewer != null));
        for (Param p : params) {
            statement = statement.param(p.name(), p.value());
        }
        return statement.query(InboxRepository::map).list();
    }

    private record Param(String name, Object value) {}

    /**
     * The conversations a search finds: the contact's name, phone or email contains the text (trigram indexes), or
     * one of the organization's newest {@code searchWindow} messages does. Up to {@link #SEARCH_HITS} are listed by
     * id, so the page query looks up just those; past that the search is a filter of the page's ordered scan, which
     * then finds its rows quickly because they are many.
     */
    private String searchClause(OrganizationId organization, String query, List<Param> params, int searchWindow) {
        String digits = query.replaceAll("[\\s().-]", "");
        boolean phoneLike = digits.matches("\\+?\\d{3,}");
        params.add(new Param("text", "%" + escapeLike(query) + "%"));
        params.add(new Param("identity", "%" + escapeLike(phoneLike ? digits : query) + "%"));
        params.add(new Param("window", searchWindow));
        List<UUID> hits = jdbc.sql("""
                        select v.id from conversations v
                        where v.organization_id = :org and v.contact_id in (%s)
                        union
                        select recent.conversation_id from (%s) recent where recent.content ilike :text
                        limit :hits""".formatted(MATCHING_CONTACTS, RECENT_MESSAGES))
                .param("org", organization.value())
                .param("text", "%" + escapeLike(query) + "%")
                .param("identity", "%" + escapeLike(phoneLike ? digits : query) + "%")
                .param("window", searchWindow)
                .param("hits", SEARCH_HITS + 1)
                .query(UUID.class)
                .list();
        if (hits.size() <= SEARCH_HITS) {
            params.add(new Param("hitIds", hits.toArray(UUID[]::new)));
            return "c.id = any(:hitIds)";
        }
        return "(c.contact_id in (" + MATCHING_CONTACTS + ") or c.id in (select recent.conversation_id from ("
                + RECENT_MESSAGES + ") recent where recent.content ilike :text))";
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String sql(String where, boolean unread) {
        String unreadColumn = unread ? """
                  (select count(*) from (select 1 from messages u where u.conversation_id = p.id and u.role = 'user'
                      and u.seq > coalesce((select r.read_sequence from conversation_reads r
                                            where r.staff_user_id = :viewer and r.conversation_id = p.id), 0)
                      limit :cap) unread)""" : "0";
        return """
                with page as (
                    select c.* from conversations c where %s
                    order by c.last_message_at desc, c.id desc limit :limit)
                select p.id, p.channel, p.owner, p.last_message_at, p.last_inbound_at,
                       b.name as chatbot_name, k.display_name, ident.value as identity, s.name as assignee,
                       last.role as last_role, last.type as last_type, left(last.content, 160) as last_content,
                       %s as unread,
                       exists (select 1 from outbound_messages o where o.organization_id = p.organization_id
                               and o.conversation_id = p.id and o.status in %s) as failed
                from page p
                join chatbots b on b.id = p.chatbot_id
                join contacts k on k.id = p.contact_id
                left join staff_users s on s.id = p.assigned_to
                left join lateral (select i.value from contact_identities i where i.contact_id = p.contact_id
                                   and i.kind in ('phone', 'email') order by i.kind desc, i.created_at limit 1) ident
                       on true
                left join lateral (select m.role, m.type, m.content from messages m where m.conversation_id = p.id
                                   order by m.seq desc limit 1) last on true
                order by p.last_message_at desc, p.id desc""".formatted(where, unreadColumn, FAILED_STATUSES);
    }

    private static InboxItem map(ResultSet rs, int row) throws SQLException {
        Owner owner = Owner.fromWire(rs.getString("owner"));
        Timestamp lastMessageAt = rs.getTimestamp("last_message_at");
        Timestamp lastInboundAt = rs.getTimestamp("last_inbound_at");
        String content = rs.getString("last_content");
        String type = rs.getString("last_type");
        return new InboxItem(
                new ConversationId(rs.getObject("id", UUID.class)),
                rs.getString("channel"),
                owner,
                rs.getString("display_name"),
                rs.getString("identity"),
                rs.getString("chatbot_name"),
                rs.getString("assignee"),
                rs.getString("last_role"),
                content == null || content.isBlank() ? type : content,
                lastMessageAt.toInstant(),
                rs.getInt("unread"),
                rs.getBoolean("failed"),
                owner == Owner.HUMAN && lastInboundAt != null && !lastInboundAt.before(lastMessageAt));
    }

    /** Conversations of these organizations that changed after {@code since}, oldest change first. */
    public List<InboxChange> changedSince(Collection<OrganizationId> organizations, Instant since, int limit) {
        return jdbc.sql("""
                        select organization_id, id, changed_at from conversations
                        where organization_id = any(:orgs) and changed_at > :since
                        order by changed_at limit :limit""")
                .param("orgs", organizations.stream().map(OrganizationId::value).toArray(UUID[]::new))
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query((rs, row) -> new InboxChange(
                        new OrganizationId(rs.getObject(1, UUID.class)),
                        new ConversationId(rs.getObject(2, UUID.class)),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** The database's clock, which {@code changed_at} is written with. */
    public Instant databaseNow() {
        return jdbc.sql("select clock_timestamp()")
                .query(Timestamp.class)
                .single()
                .toInstant();
    }
}
