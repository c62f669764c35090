package io.parley.channels.email;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The threading headers of a reply (RFC 5322 §3.6.4) and its Subject. */
final class ReplyThreading {
    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+>");
    /** Longer References are cut from the front (the root and the newest ids matter); servers refuse huge headers. */
    private static final int MAX_REFERENCES = 20;

    private ReplyThreading() {}

    /** The msg-ids ({@code <left@right>}) in a header's value, in order, each once. */
    static List<String> ids(String header) {
        if (header == null) {
            return List.of();
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Matcher m = MSG_ID.matcher(header);
        while (m.find() && ids.size() < 200) {
            ids.add(m.group());
        }
        return List.copyOf(ids);
    }

    /**
     * References of a reply to {@code parent}: the parent's References followed by its Message-ID; without
     * References, its single In-Reply-To id followed by its Message-ID.
     */
    static String references(MailArchive.ThreadHead parent) {
        List<String> refs = new ArrayList<>(ids(parent.references()));
        if (refs.isEmpty()) {
            List<String> inReplyTo = ids(parent.inReplyTo());
            if (inReplyTo.size() == 1) {
                refs.add(inReplyTo.getFirst());
            }
        }
        refs.remove(parent.messageId());
        refs.add(parent.messageId());
        if (refs.size() > MAX_REFERENCES) {
            List<String> kept = new ArrayList<>();
            kept.add(refs.getFirst());
            kept.addAll(refs.subList(refs.size() - (MAX_REFERENCES - 1), refs.size()));
            refs = kept;
        }
        return String.join(" ", refs);
    }

    /** {@code Re: <subject>}, without stacking prefixes; a reply to no subject is just {@code Re:}. */
    static String subject(String original) {
        String subject = original == null ? "" : original.strip();
        if (subject.toLowerCase(Locale.ROOT).startsWith("re:")) {
            return subject;
        }
        return subject.isEmpty() ? "Re:" : "Re: " + subject;
    }
}
