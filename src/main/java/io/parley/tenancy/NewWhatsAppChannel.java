package io.parley.tenancy;

/**
 * @param businessAccountId optional WhatsApp Business Account (WABA) id: needed to sync message templates and to
 *                          attribute template status webhooks
 */
public record NewWhatsAppChannel(
        String phoneNumberId, String accessToken, String appSecret, String verifyToken, String businessAccountId) {
    public NewWhatsAppChannel(String phoneNumberId, String accessToken, String appSecret, String verifyToken) {
        this(phoneNumberId, accessToken, appSecret, verifyToken, null);
    }
}
