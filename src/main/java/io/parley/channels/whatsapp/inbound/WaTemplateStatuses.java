package io.parley.channels.whatsapp.inbound;

import io.parley.channels.whatsapp.WhatsAppProperties;
import io.parley.platform.ChannelAccountId;
import io.parley.templates.MessageTemplates;
import io.parley.templates.TemplateStatusChange;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies {@code message_template_status_update} webhooks. They name a business account (WABA), not a phone number,
 * and any tenant may connect a channel claiming any WABA id. So a change is applied only to the channel accounts of
 * that WABA whose own app secret verified the body, or, with the global app secret (already checked by the ingress,
 * and then the only secret any account's webhooks are verified with), to the accounts of that WABA. An account
 * whose secret did not sign is never touched; an unsigned or unattributable change is dropped, and the webhook is
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
        if (changes.isEmpty()) {
            return;
        }
        // One query for every WABA the body names, however many changes it carries.
        Map<String, List<ChannelAccount>> byWaba = accounts
                .findByBusinessAccountIds(changes.stream()
                        .map(TemplateStatusChange::businessAccountId)
                        .toList())
                .stream()
                .collect(Collectors.groupingBy(ChannelAccount::businessAccountId));
        Map<ChannelAccountId, Boolean> signedBy = new HashMap<>();
        for (TemplateStatusChange change : changes) {
            List<ChannelAccountId> signers = byWaba.getOrDefault(change.businessAccountId(), List.of()).stream()
                    .filter(account -> signedBy.computeIfAbsent(account.id(), id -> signed(account, signature, body)))
                    .map(ChannelAccount::id)
                    .toList();
            if (signers.isEmpty()) {
                log.debug(
                        "Dropped a template status change for business account {}: no account of it signed",
                        change.businessAccountId());
                continue;
            }
            templates.applyStatusChange(change, signers);
        }
    }

    private boolean signed(ChannelAccount account, WebhookSignature signature, byte[] body) {
        return properties.hasGlobalAppSecret()
                || signature.matches(
                        body,
                        accounts.whatsAppCredentials(account.id()).appSecret().reveal());
    }
}
