package io.parley.channels.telegram;

import io.parley.tenancy.DeletionScope;
import io.parley.tenancy.TenantDataEraser;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Removing a Telegram channel (or its chatbot, or its organization) removes the bot's webhook: the tokens are read
 * inside the deleting transaction, before the rows go, and {@code deleteWebhook} is called once it committed, so a
 * rolled-back deletion leaves the webhook in place.
 */
@Component
class TelegramDisconnect implements TenantDataEraser {
    private final TelegramStore store;
    private final TelegramWebhooks webhooks;

    TelegramDisconnect(TelegramStore store, TelegramWebhooks webhooks) {
        this.store = store;
        this.webhooks = webhooks;
    }

    @Override
    public void erase(DeletionScope scope) {
        List<TelegramBot> bots = switch (scope) {
            case DeletionScope.Channels channels -> store.among(channels.channelAccountIds());
            case DeletionScope.Organization organization -> store.ofOrganization(organization.organizationId());
        };
        if (bots.isEmpty()) {
            return;
        }
        Runnable removal = () -> bots.forEach(bot -> webhooks.remove(bot.token()));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            removal.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                removal.run();
            }
        });
    }
}
