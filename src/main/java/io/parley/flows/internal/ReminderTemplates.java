package io.parley.flows.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import io.parley.platform.channel.Channels;
import io.parley.templates.MessageTemplate;
import io.parley.templates.MessageTemplates;
import io.parley.tenancy.ChannelAccounts;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether a flow's reminder template exists for the chatbot: checked only when the chatbot has a channel that sends
 * templates (a chatbot without one cannot send a reminder anyway, and may get its channel later). Any language and
 * status counts as existing; whether it is approved is a go-live check, not a save check.
 */
@Component
public class ReminderTemplates {
    private final ChannelAccounts channelAccounts;
    private final Channels channels;
    private final MessageTemplates templates;

    ReminderTemplates(ChannelAccounts channelAccounts, Channels channels, MessageTemplates templates) {
        this.channelAccounts = channelAccounts;
        this.channels = channels;
        this.templates = templates;
    }

    /** Empty when the template exists or cannot be checked; else why it is refused. */
    public Optional<String> problem(ChatbotId chatbot, String template) {
        boolean sendsTemplates = channelAccounts.list(chatbot).stream()
                .anyMatch(account -> channels.find(account.type())
                        .map(definition -> definition.capabilities().supports(OutboundKind.TEMPLATE))
                        .orElse(false));
        if (!sendsTemplates) {
            return Optional.empty();
        }
        boolean exists =
                templates.list(chatbot).stream().map(MessageTemplate::name).anyMatch(template::equals);
        return exists
                ? Optional.empty()
                : Optional.of("template '" + template + "' is not registered for this chatbot's channels");
    }
}
