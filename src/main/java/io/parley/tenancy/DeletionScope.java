package io.parley.tenancy;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import java.util.List;
import java.util.Objects;

/** What a deletion removes, as a {@link TenantDataEraser} needs to know it. */
public sealed interface DeletionScope {
    OrganizationId organizationId();

    /** The whole organization. */
    record Organization(OrganizationId organizationId) implements DeletionScope {
        public Organization {
            Objects.requireNonNull(organizationId, "organizationId");
        }
    }

    /** These channel accounts of the organization and every conversation on them (a channel, or all of a chatbot's). */
    record Channels(OrganizationId organizationId, List<ChannelAccountId> channelAccountIds) implements DeletionScope {
        public Channels {
            Objects.requireNonNull(organizationId, "organizationId");
            channelAccountIds = List.copyOf(channelAccountIds);
        }
    }
}
