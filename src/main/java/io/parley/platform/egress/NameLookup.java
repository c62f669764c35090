package io.parley.platform.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a DNS name; the system resolver in production, a scripted one in tests (e.g. a rebinding resolver). */
@FunctionalInterface
public interface NameLookup {
    NameLookup SYSTEM = InetAddress::getAllByName;

    InetAddress[] lookup(String name) throws UnknownHostException;
}
