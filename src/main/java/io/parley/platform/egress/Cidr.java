package io.parley.platform.egress;

import java.net.InetAddress;
import java.util.Arrays;

/** An address range: the first {@code prefix} bits of {@code network}. IPv4 and IPv6 never match each other. */
record Cidr(byte[] network, int prefix) {
    Cidr {
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range");
        }
        network = masked(network.clone(), prefix);
    }

    static Cidr of(InetAddress address, int prefix) {
        return new Cidr(address.getAddress(), prefix);
    }

    /** {@code "10.0.0.0/8"} or {@code "fc00::/7"}; only for the constant tables, whose text is known to be valid. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        return new Cidr(
                HostLiteral.addressOf(text.substring(0, slash)).getAddress(),
                Integer.parseInt(text.substring(slash + 1)));
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(masked(address.clone(), prefix), network);
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
