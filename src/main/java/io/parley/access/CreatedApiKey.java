package io.parley.access;

/** A key just created: {@code key} is the plaintext, available only now (Parley keeps its hash). */
public record CreatedApiKey(ApiKey apiKey, String key) {
    @Override
    public String toString() {
        return "CreatedApiKey[" + apiKey + ", key=" + apiKey.prefix() + "…]";
    }
}
