package io.parley.templates;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import io.parley.platform.channel.Channels;
import io.parley.templates.internal.TemplateBodies;
import io.parley.templates.internal.TemplateRepository;
import io.parley.templates.internal.TemplateRepository.TemplateRow;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.Chatbots;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The template registry of a chatbot's WhatsApp channel accounts. */
@Service
public class MessageTemplates {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,4})?");
    private static final List<String> CATEGORIES = List.of("MARKETING", "UTILITY", "AUTHENTICATION");

    private final TemplateRepository repository;
    private final ChannelAccounts channelAccounts;
    private final Chatbots chatbots;
    private final List<TemplateSource> sources;
    private final SystemEvents events;
    private final JsonMapper json;
    private final Channels channels;

    MessageTemplates(
            TemplateRepository repository,
            ChannelAccounts channelAccounts,
            Chatbots chatbots,
            List<TemplateSource> sources,
            SystemEvents events,
            JsonMapper json,
            Channels channels) {
        this.channels = channels;
        this.repository = repository;
        this.channelAccounts = channelAccounts;
        this.chatbots = chatbots;
        this.sources = sources;
        this.events = events;
        this.json = json;
    }

    public List<MessageTemplate> list(ChatbotId chatbotId) {
        return repository.listByAccounts(
                templateAccounts(chatbotId).stream().map(ChannelAccount::id).toList());
    }

    @Transactional
    public MessageTemplate register(ChatbotId chatbotId, NewTemplate request) {
        ChannelAccount account = account(chatbotId, request.channelAccountId());
        String name = require("name", request.name(), NAME, "lowercase letters, digits and underscores");
        String language = require("language", request.language(), LANGUAGE, "a language code such as en_US");
        String category =
                request.category() == null ? null : request.category().strip().toUpperCase(Locale.ROOT);
        if (!CATEGORIES.contains(category)) {
            throw invalid("category", "must be one of " + CATEGORIES);
        }
        if (request.body() == null || request.body().isBlank() || request.body().length() > 1024) {
            throw invalid("body", "must have 1 to 1024 characters");
        }
        TemplateStatus status;
        try {
            status = request.status() == null ? TemplateStatus.APPROVED : TemplateStatus.fromWire(request.status());
        } catch (IllegalArgumentException e) {
            throw invalid("status", "must be approved, pending, rejected, paused or disabled");
        }
        String components = json.writeValueAsString(List.of(Map.of("type", "BODY", "text", request.body())));
        repository.upsert(new TemplateRow(
                account.organizationId(),
                account.id(),
                name,
                language,
                category,
                status,
                components,
                TemplateBodies.parameterCount(request.body()),
                null));
        return repository.find(account.id(), name, language).orElseThrow();
    }

    /**
     * Reads every template of each WhatsApp channel's business account from the provider and stores it; templates
     * Parley knew but the provider no longer lists are left as they are. Returns how many were stored. Not one
     * transaction: no connection is held across provider calls, and each upsert is complete on its own.
     */
    public int sync(ChatbotId chatbotId) {
        List<ChannelAccount> accounts = templateAccounts(chatbotId).stream()
                .filter(a -> channelAccounts.businessAccountId(a.id()).isPresent())
                .toList();
        if (accounts.isEmpty()) {
            throw new InvalidRequestException(
                    "business_account_id_missing",
                    "No channel of this chatbot that sends templates has"
                            + " a businessAccountId (the WABA id); connect the channel with one to sync its templates");
        }
        TemplateSource source = sources.stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No TemplateSource is registered"));
        int stored = 0;
        for (ChannelAccount account : accounts) {
            String waba = channelAccounts.businessAccountId(account.id()).orElseThrow();
            for (RemoteTemplate remote : source.list(account.id(), waba)) {
                Optional<TemplateStatus> status = TemplateStatus.fromProvider(remote.status());
                if (remote.name() == null || remote.language() == null || status.isEmpty()) {
                    continue;
                }
                String components = remote.componentsJson() == null ? "[]" : remote.componentsJson();
                repository.upsert(new TemplateRow(
                        account.organizationId(),
                        account.id(),
                        remote.name(),
                        remote.language(),
                        remote.category() == null ? "UTILITY" : remote.category(),
                        status.get(),
                        components,
                        TemplateBodies.parameterCount(TemplateBodies.bodyText(components)),
                        remote.providerTemplateId()));
                stored++;
            }
        }
        return stored;
    }

    /**
     * Applies a status webhook to the templates of {@code signedBy}: the channel accounts whose own app secret (or
     * the global one they rely on) verified the body, as the channel adapter established. Only those of them that
     * were connected with the change's business account id are touched: another tenant that registered the same
     * WABA id with another app secret is never changed by a body it did not sign. A chatbot whose re-engagement
     * template can no longer be sent gets a warning event: its closed windows now fail.
     */
    @Transactional
    public void applyStatusChange(TemplateStatusChange change, Collection<ChannelAccountId> signedBy) {
        Optional<TemplateStatus> status = TemplateStatus.fromProvider(change.event());
        if (status.isEmpty() || signedBy.isEmpty()) {
            return;
        }
        List<ChannelAccountId> accounts = channelAccounts.findByBusinessAccountId(change.businessAccountId()).stream()
                .map(ChannelAccount::id)
                .filter(signedBy::contains)
                .toList();
        if (accounts.isEmpty()) {
            return;
        }
        String reason = change.reason() == null || "NONE".equalsIgnoreCase(change.reason()) ? null : change.reason();
        for (MessageTemplate updated : repository.updateStatus(
                accounts, change.providerTemplateId(), change.name(), change.language(), status.get(), reason)) {
            if (updated.status() != TemplateStatus.APPROVED && updated.status() != TemplateStatus.PENDING) {
                warnIfWindowTemplate(updated);
            }
        }
    }

    private void warnIfWindowTemplate(MessageTemplate template) {
        ChannelAccount account = channelAccounts.get(template.channelAccountId());
        repository
                .findWindowTemplate(account.chatbotId())
                .filter(w -> w.name().equals(template.name()) && w.language().equals(template.language()))
                .ifPresent(
                        w -> events.record(SystemEvent.of(SystemEvent.Level.WARN, "templates.window_template_unusable")
                                .organization(account.organizationId())
                                .chatbot(account.chatbotId())
                                .with("template", template.name())
                                .with("language", template.language())
                                .with("status", template.status().wireName())
                                .with("reason", template.statusReason())
                                .build()));
    }

    /**
     * Checks a template send against the registry, before anything is stored: a template registered for the
     * channel account must be approved and get exactly as many parameters as its body has placeholders. A template
     * Parley does not know (not registered, not synced) is sent as given: Meta decides (ADR 21).
     */
    public void checkSendable(ChannelAccountId channelAccountId, String name, String language, int parameterCount) {
        Optional<MessageTemplate> registered = repository.find(channelAccountId, name, language);
        if (registered.isEmpty()) {
            return;
        }
        MessageTemplate template = registered.get();
        if (template.status() != TemplateStatus.APPROVED) {
            throw new InvalidRequestException(
                    "template_not_approved",
                    "Template '" + name + "' (" + language + ") is "
                            + template.status().wireName() + ", not approved: it cannot be sent",
                    Map.of(
                            "field",
                            "template.name",
                            "templateStatus",
                            template.status().wireName()));
        }
        if (template.bodyParameters() != parameterCount) {
            throw new InvalidRequestException(
                    "template_parameters_mismatch",
                    "Template '" + name + "' (" + language + ") takes " + template.bodyParameters()
                            + " parameters, got " + parameterCount,
                    Map.of(
                            "field",
                            "template.parameters",
                            "expected",
                            template.bodyParameters(),
                            "given",
                            parameterCount));
        }
    }

    /** The chatbot's channel accounts whose channel sends templates. */
    List<ChannelAccount> templateAccounts(ChatbotId chatbotId) {
        chatbots.get(chatbotId);
        return channelAccounts.list(chatbotId).stream()
                .filter(a -> channels.find(a.type())
                        .map(d -> d.capabilities().supports(OutboundKind.TEMPLATE))
                        .orElse(false))
                .toList();
    }

    private ChannelAccount account(ChatbotId chatbotId, ChannelAccountId requested) {
        List<ChannelAccount> accounts = templateAccounts(chatbotId);
        if (requested != null) {
            return accounts.stream()
                    .filter(a -> a.id().equals(requested))
                    .findFirst()
                    .orElseThrow(() -> invalid("channelId", "is not a channel of this chatbot that sends templates"));
        }
        if (accounts.size() != 1) {
            throw invalid(
                    "channelId",
                    accounts.isEmpty()
                            ? "the chatbot has no channel that sends templates"
                            : "is required: the chatbot has several channels that send templates");
        }
        return accounts.getFirst();
    }

    private static String require(String field, String value, Pattern pattern, String expected) {
        if (value == null || !pattern.matcher(value.strip()).matches()) {
            throw invalid(field, "must be " + expected);
        }
        return value.strip();
    }

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("validation_failed", field + " " + message, Map.of("field", field));
    }
}
