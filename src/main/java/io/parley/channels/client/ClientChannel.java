package io.parley.channels.client;

import io.parley.platform.Secret;
import io.parley.tenancy.ChannelAccount;
import java.util.List;
import java.util.Map;

/**
 * A client channel (api, web or app) with its settings and decrypted secrets.
 *
 * @param publishableKey web/app: the {@code pk_} key (no secret: pages carry it); null for api
 * @param identitySecret web/app: signs {@code userHash}; null for api
 * @param signingSecret  api: signs callbacks; null for web/app
 * @param tokenSecret    signs conversation tokens
 * @param widget         web: {@code title}, {@code color}, {@code welcomeMessage}, {@code avatarUrl} (each optional)
 */
record ClientChannel(
        ChannelAccount account,
        String keyHint,
        Secret publishableKey,
        Secret identitySecret,
        Secret signingSecret,
        Secret tokenSecret,
        String callbackUrl,
        List<String> allowedOrigins,
        boolean acceptGuests,
        Map<String, Object> widget) {
    boolean isApi() {
        return ClientTypes.API.equals(account.type());
    }

    boolean isWeb() {
        return ClientTypes.WEB.equals(account.type());
    }
}
