package io.parley.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The source address a per-address limit counts against: {@code request.getRemoteAddr()}, an IPv4 address as it
 * is and an IPv6 address cut to its /64 (one subscriber gets a whole /64, so counting single IPv6 addresses would
 * hand an attacker 2^64 fresh budgets). Behind a reverse proxy the remote address is the proxy's: the operator turns
 * on Spring's forwarded-header handling ({@code server.forward-headers-strategy=native}) so it becomes the client's.
 */
public final class ClientAddress {
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

    private ClientAddress() {}

    public static String of(HttpServletRequest request) {
        return key(request.getRemoteAddr());
    }

    /** The counting key of an address literal; anything that is not one counts as itself. */
    public static String key(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isEmpty()) {
            return "unknown";
        }
        if (!IPV6_LITERAL.matcher(remoteAddress).matches()) {
            return remoteAddress;
        }
        try {
            // A literal is parsed without any name lookup; ::ffff:a.b.c.d comes back as IPv4.
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return remoteAddress;
        }
    }
}
