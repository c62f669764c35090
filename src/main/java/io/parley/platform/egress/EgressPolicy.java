package io.parley.platform.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where tenant-configured URLs may go: public addresses, plus what the operator allows. Checked twice: when a URL is
 * entered ({@link #check}, before anything is stored or requested) and when a connection is opened
 * ({@link #resolve}, the HTTP clients' only name resolver), so a name that resolves differently the second time
 * (DNS rebinding) still cannot lead anywhere else: the connection goes to an address this class returned.
 */
public class EgressPolicy {
    private final AllowList allowList;
    private final NameLookup lookup;

    public EgressPolicy(EgressProperties properties) {
        this(properties.allowList(), NameLookup.SYSTEM);
    }

    EgressPolicy(AllowList allowList, NameLookup lookup) {
        this.allowList = allowList;
        this.lookup = lookup;
    }

    /** A policy with these allow-list entries (as in {@code PARLEY_EGRESS_ALLOW}) and this name lookup. */
    public static EgressPolicy allowing(NameLookup lookup, String... entries) {
        return new EgressPolicy(AllowList.parse(List.of(entries)), lookup);
    }

    /** What a configuration-time check found out. */
    public sealed interface UrlCheck permits Allowed, Unresolved {
        URI uri();
    }

    /** The URL may be used. */
    public record Allowed(URI uri) implements UrlCheck {}

    /** The host does not resolve now; each caller keeps its own rule for that (the connection is checked anyway). */
    public record Unresolved(URI uri) implements UrlCheck {}

    /**
     * Checks a URL a tenant enters, before it is stored or requested.
     *
     * @param field the request's name for it, e.g. {@code model.baseUrl}; named in the 400 problem
     * @throws EgressRefusedException when it is not an http(s) URL with a host, or its host is refused
     */
    public UrlCheck check(String field, String url) {
        URI uri = parse(field, url);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        try {
            resolve(uri.getHost(), port);
            return new Allowed(uri);
        } catch (EgressRefusedException e) {
            throw e.forField(field);
        } catch (UnknownHostException e) {
            return new Unresolved(uri);
        }
    }

    /**
     * Checks a URL the tenant did not write but chose by leaving a field empty (e.g. Ollama's local default); a
     * refusal says so, so the tenant knows which URL was meant.
     *
     * @param why e.g. "without a baseUrl, provider ollama uses"
     */
    public UrlCheck checkDefault(String field, String url, String why) {
        try {
            return check(field, url);
        } catch (EgressRefusedException e) {
            throw new EgressRefusedException(field, why + " " + url + ", and " + e.reason());
        }
    }

    /**
     * The addresses a connection to {@code host:port} may use: resolved once, filtered by the policy.
     *
     * @param port the port to connect to, or {@link AllowList#UNKNOWN_PORT} (then port-limited entries do not apply)
     * @throws EgressRefusedException when none is left
     * @throws UnknownHostException   when the name does not resolve
     */
    public List<InetAddress> resolve(String host, int port) throws UnknownHostException {
        return switch (HostLiteral.parse(host)) {
            case HostLiteral.Address literal ->
                List.of(permitted(literal.address(), port)
                        .orElseThrow(() -> new EgressRefusedException(
                                null,
                                "the address " + literal.address().getHostAddress() + " is not public: "
                                        + RefusedRanges.refusal(literal.address())
                                                .orElseThrow())));
            case HostLiteral.Name name -> resolveName(name.name(), port);
            case HostLiteral.NonCanonicalIpv4 ignored ->
                throw new EgressRefusedException(
                        null,
                        "the host '" + host
                                + "' is an IPv4 address in another notation; write IPv4 as four decimal numbers");
            case HostLiteral.Invalid ignored ->
                throw new EgressRefusedException(null, "the host is not a valid name " + "or address");
        };
    }

    private List<InetAddress> resolveName(String name, int port) throws UnknownHostException {
        InetAddress[] resolved = lookup.lookup(name);
        if (allowList.allowsName(name, port)) {
            return List.of(resolved);
        }
        List<InetAddress> allowed = new ArrayList<>();
        String refusal = null;
        for (InetAddress address : resolved) {
            Optional<InetAddress> kept = permitted(address, port);
            if (kept.isPresent()) {
                allowed.add(kept.get());
            } else if (refusal == null) {
                refusal = RefusedRanges.refusal(address).orElseThrow();
            }
        }
        if (allowed.isEmpty()) {
            // The addresses themselves stay unnamed: they would map a private network for whoever asks.
            throw new EgressRefusedException(
                    null,
                    resolved.length == 0
                            ? "the host '" + name + "' has no address"
                            : "the host '" + name + "' resolves only to addresses that are not public (" + refusal
                                    + ")");
        }
        return List.copyOf(allowed);
    }

    /**
     * Whether {@code uri} leads into the operator's own network: its host is allowed by name, or it is (or resolves
     * only to) addresses that are not public and that the operator allowed ({@code PARLEY_EGRESS_ALLOW}). A caller
     * that wants https for public hosts may accept plain http there, where the operator vouches for the path.
     * False for a public host, a refused one, or a name that does not resolve.
     */
    public boolean operatorAllowed(URI uri) {
        if (uri == null || uri.getHost() == null) {
            return false;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try {
            return switch (HostLiteral.parse(uri.getHost())) {
                case HostLiteral.Address literal -> allowedPrivate(literal.address(), port);
                case HostLiteral.Name name -> {
                    if (allowList.allowsName(name.name(), port)) {
                        yield true;
                    }
                    InetAddress[] resolved = lookup.lookup(name.name());
                    yield resolved.length > 0
                            && Arrays.stream(resolved).allMatch(address -> allowedPrivate(address, port));
                }
                case HostLiteral.NonCanonicalIpv4 ignored -> false;
                case HostLiteral.Invalid ignored -> false;
            };
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private boolean allowedPrivate(InetAddress address, int port) {
        return RefusedRanges.refusal(address).isPresent() && allowList.allowsAddress(address, port);
    }

    /** The address when it is public or allowed on this port, else empty. */
    private Optional<InetAddress> permitted(InetAddress address, int port) {
        if (RefusedRanges.refusal(address).isEmpty() || allowList.allowsAddress(address, port)) {
            return Optional.of(address);
        }
        return Optional.empty();
    }

    private static URI parse(String field, String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new EgressRefusedException(field, "it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new EgressRefusedException(field, "only http and https URLs can be used");
        }
        if (uri.getHost() == null) {
            // java.net.URI gives no host for forms such as http://127.1/; say why when that is the reason.
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":[0-9]*$", "");
            if (HostLiteral.parse(host) instanceof HostLiteral.NonCanonicalIpv4) {
                throw new EgressRefusedException(
                        field,
                        "the host '" + host + "' is an IPv4 address in another "
                                + "notation; write IPv4 as four decimal numbers");
            }
            throw new EgressRefusedException(field, "the URL has no usable host");
        }
        return uri;
    }

    @Override
    public String toString() {
        return "EgressPolicy" + Arrays.toString(allowList.entries().toArray());
    }
}
