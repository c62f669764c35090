package io.parley.tenancy;

/**
 * New credentials for a connected WhatsApp number; a null field keeps the stored value.
 *
 * @param accessToken       verified with Meta like on connect before it replaces the stored one
 * @param businessAccountId the WABA id; "" removes it
 */
public record WhatsAppChannelChange(
        String accessToken, String appSecret, String verifyToken, String businessAccountId) {}
