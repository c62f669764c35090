package io.parley.platform.cache;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One change as it travels in a NOTIFY payload: the topic (which kind of thing: {@code chatbots}) and the key of
 * the thing that changed, or no key when anything of the topic may have changed.
 */
record Notice(String topic, String key) {
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    /** NOTIFY refuses payloads of 8000 bytes; keys are ids, far shorter. */
    static final int MAX_KEY_CHARS = 1000;

    Notice {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("topic must be lower-case letters, digits, '.', '_' or '-': " + topic);
        }
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_CHARS)) {
            throw new IllegalArgumentException("key must be 1 to " + MAX_KEY_CHARS + " characters");
        }
    }

    static Notice all(String topic) {
        return new Notice(topic, null);
    }

    static Notice of(String topic, Object key) {
        return new Notice(topic, Objects.requireNonNull(key, "key").toString());
    }

    boolean all() {
        return key == null;
    }

    String payload() {
        return key == null ? topic : topic + " " + key;
    }

    /** The notice in a payload, or null for one this version cannot read (another version's node may send it). */
    static Notice parse(String payload) {
        if (payload == null) {
            return null;
        }
        int space = payload.indexOf(' ');
        try {
            return space < 0 ? all(payload) : new Notice(payload.substring(0, space), payload.substring(space + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
