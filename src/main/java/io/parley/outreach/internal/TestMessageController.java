package io.parley.outreach.internal;

import io.parley.access.Caller;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.access.StaffUserId;
import io.parley.outreach.TestMessages;
import io.parley.outreach.TestMessages.TestDelivery;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 004's owner-only {@code POST /api/v1/messaging/test}, under the organization (ADR 23): every organization
 * route names its organization, and owners and admins may both check their channel.
 */
@RestController
@RequiresRole(Role.ADMIN)
class TestMessageController {
    private final TestMessages testMessages;

    TestMessageController(TestMessages testMessages) {
        this.testMessages = testMessages;
    }

    record TestRequest(String staffUserId, String channelAccountId, String text) {}

    @PostMapping("/api/v1/organizations/{orgId}/messaging/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestDelivery send(@PathVariable String orgId, @RequestBody(required = false) TestRequest body) {
        OrganizationId organization = Ids.parse(orgId, "organization", OrganizationId::new);
        TestRequest request = body == null ? new TestRequest(null, null, null) : body;
        return testMessages.send(
                organization,
                request.staffUserId() == null ? null : Ids.parse(request.staffUserId(), "staff_user", StaffUserId::new),
                request.channelAccountId() == null
                        ? null
                        : Ids.parse(request.channelAccountId(), "channel", ChannelAccountId::new),
                request.text(),
                Caller.current().orElse(null));
    }

    @GetMapping("/api/v1/organizations/{orgId}/messaging/test/{testDeliveryId}")
    TestDelivery status(@PathVariable String orgId, @PathVariable String testDeliveryId) {
        return testMessages.status(
                Ids.parse(orgId, "organization", OrganizationId::new),
                Ids.parse(testDeliveryId, "test_delivery", id -> id));
    }
}
