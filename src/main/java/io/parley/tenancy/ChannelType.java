package io.parley.tenancy;

public enum ChannelType {
    WHATSAPP, WEBCHAT;

    public String wireName() {
        return name().toLowerCase();
    }

    public static ChannelType fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
