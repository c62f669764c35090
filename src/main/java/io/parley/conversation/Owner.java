package io.parley.conversation;

/** Who answers a conversation: the bot, a human agent (the bot stays silent), or nobody. */
public enum Owner {
    BOT,
    HUMAN,
    NONE;

    public String wireName() {
        return name().toLowerCase();
    }

    public static Owner fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
