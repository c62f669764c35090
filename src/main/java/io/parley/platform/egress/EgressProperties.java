package io.parley.platform.egress;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.egress.*}: the operator's exceptions to the egress policy for tenant-configured URLs, and the size of
 * the one connection pool every such request shares.
 *
 * @param allow          hostnames, IP addresses or CIDR ranges, each with an optional {@code :port} (IPv6 as
 *                       {@code [address]:port}), that tenant URLs may reach although they are private, loopback or
 *                       otherwise not public ({@code PARLEY_EGRESS_ALLOW}, comma-separated). Empty by default: only
 *                       public addresses.
 * @param maxConnections connections open at once through {@link EgressHttp}, in all and to any one server. A safety
 *                       cap far above what callers open: model calls are bounded per server by
 *                       {@code parley.llm.max-in-flight}, everything else by the jobs running at once (ADR 51).
 */
@ConfigurationProperties("parley.egress")
public record EgressProperties(
        @DefaultValue List<String> allow,
        @DefaultValue("10000") int maxConnections) {
    public EgressProperties {
        allow = allow == null ? List.of() : List.copyOf(allow);
        AllowList.parse(allow); // a malformed entry stops the start, naming the entry
        if (maxConnections < 1) {
            throw new IllegalArgumentException(
                    "parley.egress.max-connections must be at least 1, was " + maxConnections);
        }
    }

    AllowList allowList() {
        return AllowList.parse(allow);
    }
}
