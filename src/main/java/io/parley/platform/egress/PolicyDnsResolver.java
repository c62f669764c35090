package io.parley.platform.egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way from a host name to addresses: the egress policy. The client connects to one of the
 * addresses returned here and to nothing else, so the address that was checked is the address that is used.
 */
final class PolicyDnsResolver implements DnsResolver {
    private final EgressPolicy policy;

    PolicyDnsResolver(EgressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return policy.resolve(host, port).stream()
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    /** Without a port, entries limited to a port do not apply. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return policy.resolve(host, AllowList.UNKNOWN_PORT).toArray(InetAddress[]::new);
    }

    /** Only used for Kerberos/SPNEGO, which Parley does not do: no extra lookups. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
