package io.parley.tenancy;

public record NewWhatsAppChannel(String phoneNumberId, String accessToken, String appSecret, String verifyToken) {
}
