package io.parley.actionlinks;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.EdgeTestSupport;
import io.parley.testing.LinkVisitor;
import io.parley.testing.LoopbackAddresses;
import io.parley.testing.Tenants;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Action links need no credentials, so the ingress guard caps them per source address like the other public
 * routes ({@code parley.ratelimit.ingress.public-per-minute}, 20 a minute here): GETs and POSTs both count.
 */
class ActionLinkAddressLimitIntegrationTest extends EdgeTestSupport {
    @Autowired
    ActionLinks links;

    @Test
    void should_answer_429_to_an_address_past_the_public_budget_and_serve_other_addresses() {
        OrganizationId organization =
                new OrganizationId(UUID.fromString(Tenants.organization(api, "Ink " + UUID.randomUUID())));
        // deposit.pay for a payment that does not exist: the page shows, a press answers 409 and keeps its use.
        IssuedLink link = links.issue(
                organization, "deposit.pay", UUID.randomUUID().toString(), Map.of(), Duration.ofHours(1), 1);
        // The first page this context renders compiles its template: not while the budget's minute runs.
        assertThat(LinkVisitor.of(api.from(LoopbackAddresses.fresh()))
                        .open(link.token())
                        .status())
                .isEqualTo(200);
        String address = LoopbackAddresses.fresh();
        LinkVisitor visitor = LinkVisitor.of(api.from(address));
        // Pages and presses alike, until the address is refused; the budget refills one request every 3 s on this
        // running clock, so a slow machine may be served a few more than the 20.
        int served = 0;
        Api.Response capped = visitor.open(link.token());
        while (capped.status() != 429 && served < 2 * PUBLIC_PER_MINUTE) {
            assertThat(capped.status()).isIn(200, 409);
            served++;
            capped = served % 5 == 0 ? visitor.press(link.token()) : visitor.open(link.token());
        }

        assertThat(served).isGreaterThanOrEqualTo(PUBLIC_PER_MINUTE);
        assertProblem(capped, 429, "too_many_requests");
        assertThat(capped.raw().headers().firstValue("Retry-After"))
                .get()
                .asString()
                .matches("[1-9][0-9]*");
        assertThat(capped.raw().headers().firstValue("Cache-Control")).contains("no-store");
        assertProblem(visitor.press(link.token()), 429, "too_many_requests");
        assertThat(LinkVisitor.of(api.from(LoopbackAddresses.fresh()))
                        .open(link.token())
                        .status())
                .as("another address is not affected")
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));

        assertThat(visitor.open(link.token()).status()).isEqualTo(200);
    }
}
