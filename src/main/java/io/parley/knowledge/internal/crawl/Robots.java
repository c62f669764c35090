package io.parley.knowledge.internal.crawl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * robots.txt rules for Parley: the group naming a {@code parley} user agent if there is one, else the {@code *}
 * group. The longest matching Allow/Disallow path wins and Allow wins a tie (RFC 9309); {@code *} and {@code $} are
 * supported by {@link RobotsPattern}, whose cost is linear. Only the first {@link #MAX_BYTES} of the file are read,
 * Google's limit, so one check costs at most O(rules x path) however the site writes its file.
 */
record Robots(List<RobotsPattern> allow, List<RobotsPattern> disallow) {
    static final int MAX_BYTES = 500 * 1024;
    private static final Comparator<RobotsPattern> LONGEST_FIRST =
            Comparator.comparingInt(RobotsPattern::length).reversed();
    static final Robots ALLOW_ALL = new Robots(List.of(), List.of());
    static final Robots DISALLOW_ALL = new Robots(List.of(), List.of(new RobotsPattern("/")));

    Robots {
        allow = allow.stream().sorted(LONGEST_FIRST).toList();
        disallow = disallow.stream().sorted(LONGEST_FIRST).toList();
    }

    static Robots parse(byte[] body) {
        List<RobotsPattern> parleyAllow = new ArrayList<>(), parleyDisallow = new ArrayList<>();
        List<RobotsPattern> starAllow = new ArrayList<>(), starDisallow = new ArrayList<>();
        boolean parleyGroup = false, starGroup = false, parleySeen = false, inAgents = false;
        for (String raw : text(body).lines().toList()) {
            int comment = raw.indexOf('#');
            String line = (comment < 0 ? raw : raw.substring(0, comment)).strip();
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
            RobotsPattern pattern = new RobotsPattern(value);
            boolean allow = field.equals("allow");
            if (parleyGroup) {
                (allow ? parleyAllow : parleyDisallow).add(pattern);
            }
            if (starGroup) {
                (allow ? starAllow : starDisallow).add(pattern);
            }
        }
        return parleySeen ? new Robots(parleyAllow, parleyDisallow) : new Robots(starAllow, starDisallow);
    }

    boolean allows(String pathAndQuery) {
        int disallowed = longestMatch(disallow, pathAndQuery, 0);
        return disallowed < 0 || longestMatch(allow, pathAndQuery, disallowed) >= 0;
    }

    /** The length of the longest pattern of at least {@code atLeast} characters that matches, or -1. */
    private static int longestMatch(List<RobotsPattern> longestFirst, String path, int atLeast) {
        for (RobotsPattern pattern : longestFirst) {
            if (pattern.length() < atLeast) {
                return -1;
            }
            if (pattern.matches(path)) {
                return pattern.length();
            }
        }
        return -1;
    }

    /** The file up to {@link #MAX_BYTES}, without a line the cut would leave half read. */
    private static String text(byte[] body) {
        if (body.length <= MAX_BYTES) {
            return new String(body, StandardCharsets.UTF_8);
        }
        int end = MAX_BYTES;
        while (end > 0 && body[end - 1] != '\n') {
            end--;
        }
        return new String(body, 0, end, StandardCharsets.UTF_8);
    }
}
