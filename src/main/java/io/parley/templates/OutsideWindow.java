package io.parley.templates;

import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ConversationId;
import io.parley.platform.NotFoundException;
import io.parley.platform.channel.Channels;
import io.parley.templates.WindowDecision.Closed;
import io.parley.templates.WindowDecision.Open;
import io.parley.templates.WindowDecision.UseTemplate;
import io.parley.templates.internal.ParameterTemplates;
import io.parley.templates.internal.TemplateBodies;
import io.parley.templates.internal.TemplateRepository;
import io.parley.tenancy.Chatbots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Decides, just before free text goes out on a channel with a service window, whether the contact's window allows
 * it. Outside the window the provider rejects free text, often only later in a status webhook; Parley sends the
 * chatbot's approved re-engagement template instead, or fails the message as {@code window_closed} (ADR 0021).
 */
@Service
public class OutsideWindow {
    public static final String WINDOW_CLOSED_EVENT = "delivery.window_closed";

    private final ConversationWindows windows;
    private final WindowTemplates windowTemplates;
    private final TemplateRepository repository;
    private final Contacts contacts;
    private final Chatbots chatbots;
    private final SystemEvents events;
    private final Channels channels;

    OutsideWindow(
            ConversationWindows windows,
            WindowTemplates windowTemplates,
            TemplateRepository repository,
            Contacts contacts,
            Chatbots chatbots,
            SystemEvents events,
            Channels channels) {
        this.channels = channels;
        this.windows = windows;
        this.windowTemplates = windowTemplates;
        this.repository = repository;
        this.contacts = contacts;
        this.chatbots = chatbots;
        this.events = events;
    }

    public WindowDecision decide(ConversationId conversationId, Instant now) {
        ConversationWindow window = windows.window(conversationId)
                .orElseThrow(() -> new NotFoundException(
                        "conversation_not_found", "No conversation with id '" + conversationId + "'"));
        // Only channels with a customer service window (WhatsApp) restrict free text; the others can always answer.
        if (!channels.hasServiceWindow(window.channel()) || window.isOpenAt(now)) {
            return new Open();
        }
        Optional<WindowTemplate> configured = windowTemplates.get(window.chatbotId());
        if (configured.isEmpty()) {
            return new Closed("no_window_template");
        }
        WindowTemplate chosen = configured.get();
        Optional<MessageTemplate> template =
                repository.find(window.channelAccountId(), chosen.name(), chosen.language());
        if (template.isEmpty()) {
            return new Closed("window_template_not_registered");
        }
        if (template.get().status() != TemplateStatus.APPROVED) {
            return new Closed("window_template_" + template.get().status().wireName());
        }
        Map<String, String> values = values(window);
        List<String> parameters = new ArrayList<>();
        for (String expression : chosen.parameters()) {
            String value = ParameterTemplates.resolve(expression, values);
            if (value.isEmpty()) {
                // Meta rejects an empty parameter; a default ({{contact.name|there}}) avoids this.
                return new Closed("window_template_parameter_empty");
            }
            parameters.add(value);
        }
        return new UseTemplate(
                chosen.name(),
                chosen.language(),
                parameters,
                TemplateBodies.render(template.get().bodyText(), parameters));
    }

    /** Records that a message was not sent because the window was closed ({@code delivery.window_closed}). */
    public void recordWindowClosed(ConversationId conversationId, Closed closed) {
        ConversationWindow window = windows.window(conversationId)
                .orElseThrow(() -> new NotFoundException(
                        "conversation_not_found", "No conversation with id '" + conversationId + "'"));
        events.record(SystemEvent.of(SystemEvent.Level.WARN, WINDOW_CLOSED_EVENT)
                .organization(window.organizationId())
                .chatbot(window.chatbotId())
                .conversation(conversationId)
                .with("reason", closed.reason())
                .with(
                        "windowExpiredAt",
                        window.expiresAt() == null ? null : window.expiresAt().toString())
                .build());
    }

    private Map<String, String> values(ConversationWindow window) {
        Map<String, String> values = new HashMap<>();
        Optional<Contact> contact = contacts.find(window.contactId());
        values.put("contact.name", contact.map(Contact::displayName).orElse(null));
        values.put("contact.phone", contact.flatMap(Contact::phone).orElse(null));
        values.put("chatbot.name", chatbots.get(window.chatbotId()).name());
        values.put("conversation.id", window.conversationId().toString());
        return values;
    }
}
