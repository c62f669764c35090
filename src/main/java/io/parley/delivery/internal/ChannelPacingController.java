package io.parley.delivery.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A channel account's send rate: Meta allows 80 messages per second per number by default and more after an
 * upgrade, so the rate is set per account (ADR 18).
 */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/chatbots/{botId}/channels/{channelId}/pacing")
class ChannelPacingController {
    private final AccountRates rates;
    private final ChannelAccounts accounts;

    ChannelPacingController(AccountRates rates, ChannelAccounts accounts) {
        this.rates = rates;
        this.accounts = accounts;
    }

    record Pacing(Integer messagesPerSecond) {}

    @GetMapping
    Pacing get(@PathVariable String botId, @PathVariable String channelId) {
        return new Pacing(rates.messagesPerSecond(account(botId, channelId).id()));
    }

    @PutMapping
    Pacing put(@PathVariable String botId, @PathVariable String channelId, @RequestBody(required = false) Pacing body) {
        // Another tenant's channel is not found before its body is looked at: a 400 would confirm that it exists.
        ChannelAccount account = account(botId, channelId);
        Integer rate = body == null ? null : body.messagesPerSecond();
        if (rate == null || rate < 1 || rate > 1000) {
            throw new InvalidRequestException("validation_failed", "messagesPerSecond must be 1 to 1000");
        }
        rates.set(account.organizationId(), account.id(), rate);
        return new Pacing(rates.messagesPerSecond(account.id()));
    }

    /** The channel account, only when it belongs to this chatbot (another tenant's id is simply not found). */
    private ChannelAccount account(String botId, String channelId) {
        ChatbotId chatbot = Ids.parse(botId, "chatbot", ChatbotId::new);
        ChannelAccountId id = Ids.parse(channelId, "channel", ChannelAccountId::new);
        NotFoundException notFound =
                new NotFoundException("channel_not_found", "No channel with id '" + channelId + "' on this chatbot");
        ChannelAccount account;
        try {
            account = accounts.get(id);
        } catch (NotFoundException e) {
            throw notFound;
        }
        if (!account.chatbotId().equals(chatbot)) {
            throw notFound;
        }
        return account;
    }
}
