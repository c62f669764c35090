package io.parley.platform.egress;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.egress.*}: the operator's exceptions to the egress policy for tenant-configured URLs.
 *
 * @param allow hostnames, IP addresses or CIDR ranges, each with an optional {@code :port} (IPv6 as
 *              {@code [address]:port}), that tenant URLs may reach although they are private, loopback or otherwise
 *              not public ({@code PARLEY_EGRESS_ALLOW}, comma-separated). Empty by default: only public addresses.
 */
@ConfigurationProperties("parley.egress")
public record EgressProperties(@DefaultValue List<String> allow) {
    public EgressProperties {
        allow = allow == null ? List.of() : List.copyOf(allow);
        AllowList.parse(allow); // a malformed entry stops the start, naming the entry
    }

    AllowList allowList() {
        return AllowList.parse(allow);
    }
}
