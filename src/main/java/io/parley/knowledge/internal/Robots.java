package io.parley.knowledge.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * robots.txt rules for Parley: the group naming a {@code parley} user agent if there is one, else the {@code *}
 * group. The longest matching Allow/Disallow path wins (RFC 9309); {@code *} and {@code $} are supported.
 */
record Robots(List<String> allow, List<String> disallow) {
    static final Robots ALLOW_ALL = new Robots(List.of(), List.of());
    static final Robots DISALLOW_ALL = new Robots(List.of(), List.of("/"));

    static Robots parse(byte[] body) {
        List<String> parleyAllow = new ArrayList<>(), parleyDisallow = new ArrayList<>();
        List<String> starAllow = new ArrayList<>(), starDisallow = new ArrayList<>();
        boolean parleyGroup = false, starGroup = false, parleySeen = false, inAgents = false;
        for (String raw : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
            String line = raw.replaceFirst("#.*", "").strip();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (field.equals("user-agent")) {
                if (!inAgents) {
                    parleyGroup = false;
                    starGroup = false;
                }
                inAgents = true;
                String agent = value.toLowerCase(Locale.ROOT);
                if (agent.contains("parley")) {
                    parleyGroup = true;
                    parleySeen = true;
                } else if (agent.equals("*")) {
                    starGroup = true;
                }
                continue;
            }
            inAgents = false;
            if (value.isEmpty() || !(field.equals("allow") || field.equals("disallow"))) {
                continue;
            }
            boolean allow = field.equals("allow");
            if (parleyGroup) {
                (allow ? parleyAllow : parleyDisallow).add(value);
            }
            if (starGroup) {
                (allow ? starAllow : starDisallow).add(value);
            }
        }
        return parleySeen ? new Robots(parleyAllow, parleyDisallow) : new Robots(starAllow, starDisallow);
    }

    boolean allows(String pathAndQuery) {
        int allowLength = longestMatch(allow, pathAndQuery);
        int disallowLength = longestMatch(disallow, pathAndQuery);
        return disallowLength < 0 || allowLength >= disallowLength;
    }

    private static int longestMatch(List<String> patterns, String path) {
        int best = -1;
        for (String pattern : patterns) {
            if (matches(pattern, path) && pattern.length() > best) {
                best = pattern.length();
            }
        }
        return best;
    }

    private static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String body = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        StringBuilder regex = new StringBuilder();
        for (String part : body.split("\\*", -1)) {
            if (!regex.isEmpty() || body.startsWith("*")) {
                regex.append(".*");
            }
            regex.append(java.util.regex.Pattern.quote(part));
        }
        return path.matches(regex + (anchored ? "" : ".*"));
    }
}
