package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.StoredEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Events beyond the newest 500: the facade's keyset page and the page's "Older" links reach every event. */
class EventsPagingConsoleIntegrationTest extends IntegrationTestSupport {
    private static final int EVENTS = 530;

    @Autowired
    SystemEvents events;

    @Test
    void should_reach_every_one_of_530_events_through_older_links_newest_first() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        OrganizationId organization = new OrganizationId(UUID.fromString(bot.organizationId()));
        insertEvents(organization, "paging_test.tick", EVENTS);
        insertEvents(organization, "paging_other.tock", 3);
        ConsoleHttp admin = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "admin"), ConsoleStaff.PASSWORD);

        List<Long> seen = new ArrayList<>();
        String next = "/console/events?type=paging_test.";
        int pages = 0;
        Document html = null;
        while (next != null) {
            HttpResponse<String> page = admin.get(next);
            assertThat(page.statusCode()).as(next).isEqualTo(200);
            html = Jsoup.parse(page.body());
            assertThat(html.select("[data-test=page-newest]").isEmpty()).isEqualTo(pages == 0);
            html.select("[data-test=event]").forEach(e -> seen.add(Long.parseLong(e.attr("data-event-id"))));
            Element older = html.selectFirst("[data-test=page-older]");
            next = older == null ? null : older.attr("href");
            pages++;
        }

        assertThat(pages).isEqualTo(22); // 21 full pages of 25 and one of 5
        assertThat(seen).hasSize(EVENTS).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(html.select("[data-test=event]")).hasSize(5);
        List<Long> all = jdbc.sql("select id from system_events where organization_id = :org and type = :type")
                .param("org", organization.value())
                .param("type", "paging_test.tick")
                .query(Long.class)
                .list();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void should_list_the_events_older_than_a_cursor_through_the_facade() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        OrganizationId organization = new OrganizationId(UUID.fromString(bot.organizationId()));
        insertEvents(organization, "paging_test.tick", EVENTS);

        List<StoredEvent> newest = events.listBefore(organization, null, null, null, 500);
        List<StoredEvent> rest =
                events.listBefore(organization, null, null, newest.getLast().id(), 500);

        assertThat(newest).hasSize(500);
        assertThat(rest).hasSize(EVENTS - 500);
        assertThat(rest.getFirst().id()).isLessThan(newest.getLast().id());
        assertThat(events.listBefore(
                        organization, "paging_test.", null, rest.getLast().id(), 10))
                .isEmpty();
    }

    private void insertEvents(OrganizationId organization, String type, int count) {
        jdbc.sql("""
                        insert into system_events (level, type, organization_id, payload)
                        select 'info', :type, :org, jsonb_build_object('n', n) from generate_series(1, :count) n""")
                .param("type", type)
                .param("org", organization.value())
                .param("count", count)
                .update();
    }
}
