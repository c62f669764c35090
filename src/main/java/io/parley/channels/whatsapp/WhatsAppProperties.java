package io.parley.channels.whatsapp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.whatsapp.*}
 *
 * @param graphUrl       Graph API base including the version ({@code PARLEY_WHATSAPP_GRAPH_URL})
 * @param verifyToken    accepted by the webhook handshake in addition to each channel's own ({@code PARLEY_WHATSAPP_VERIFY_TOKEN})
 * @param appSecret      when set, every webhook is verified with this one Meta app secret instead of the channel's
 *                       ({@code PARLEY_WHATSAPP_APP_SECRET}); for a single app serving many numbers
 * @param maxPayload     larger webhook bodies are refused with 413
 * @param ingestConcurrency webhooks stored at once per node (defaults to the database pool size)
 * @param ingestWait     how long a webhook may wait for its turn before it is answered 503 (Meta retries)
 * @param ingestWriters  transactions storing webhooks at once per node; concurrent webhooks share them (group commit)
 * @param ingestBatch    the most webhooks one such transaction stores
 * @param mediaTransferTimeout the longest one inbound media download may take once Graph answered; a slower (or
 *                       stalled) transfer is abandoned and retried, so it cannot hold a job thread forever
 * @param verifyOnConnect connecting a number first asks Graph ({@code GET /{phone-number-id}}) whether the token
 *                       reaches it ({@code PARLEY_WHATSAPP_VERIFYONCONNECT}); off only for local experiments
 */
@ConfigurationProperties("parley.whatsapp")
public record WhatsAppProperties(
        @DefaultValue("https://graph.facebook.com/v22.0") String graphUrl,
        String verifyToken,
        String appSecret,
        @DefaultValue("3MB") DataSize maxPayload,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("20") int ingestConcurrency,
        @DefaultValue("1s") Duration ingestWait,
        @DefaultValue("4") int ingestWriters,
        @DefaultValue("32") int ingestBatch,
        @DefaultValue("5m") Duration mediaTransferTimeout,
        @DefaultValue("true") boolean verifyOnConnect) {

    public boolean hasGlobalAppSecret() {
        return appSecret != null && !appSecret.isBlank();
    }
}
