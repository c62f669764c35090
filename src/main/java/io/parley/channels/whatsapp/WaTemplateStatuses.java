package io.parley.channels.whatsapp;

import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.templates.MessageTemplates;
import io.parley.templates.TemplateStatusChange;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies {@code message_template_status_update} webhooks. They name a business account (WABA), not a phone number,
 * so the signature is checked against the app secrets of the channels connected with that WABA id (or the global
 * app secret, already checked by the ingress). An unsigned or unattributable change is dropped; the webhook is
 * still acknowledged, as retrying cannot help.
 */
@Component
class WaTemplateStatuses {
    private static final Logger log = LoggerFactory.getLogger(WaTemplateStatuses.class);

    private final WhatsAppProperties properties;
    private final ChannelAccounts accounts;
    private final MessageTemplates templates;

    WaTemplateStatuses(WhatsAppProperties properties, ChannelAccounts accounts, MessageTemplates templates) {
        this.properties = properties;
        this.accounts = accounts;
        this.templates = templates;
    }

    void apply(List<TemplateStatusChange> changes, WebhookSignature signature, byte[] body) {
        for (TemplateStatusChange change : changes) {
            List<ChannelAccount> connected = accounts.findByBusinessAccountId(change.businessAccountId());
            boolean signed = properties.hasGlobalAppSecret() || connected.stream().anyMatch(account ->
                    signature.matches(body, accounts.whatsAppCredentials(account.id()).appSecret().reveal()));
            if (connected.isEmpty() || !signed) {
                log.debug("Dropped a template status change for business account {} (connected: {}, signed: {})",
                        change.businessAccountId(), !connected.isEmpty(), signed);
                continue;
            }
            templates.applyStatusChange(change);
        }
    }
}
