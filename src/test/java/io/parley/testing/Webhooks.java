package io.parley.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Posts webhooks the way Meta does: raw JSON bytes signed with the app secret in X-Hub-Signature-256. */
public final class Webhooks {
    private Webhooks() {}

    public static Api.Response post(Api api, String json, String appSecret) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return api.postRaw(
                "/webhooks/whatsapp",
                body,
                "Content-Type",
                "application/json",
                "X-Hub-Signature-256",
                sign(body, appSecret));
    }

    public static String sign(byte[] body, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
