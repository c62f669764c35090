package io.parley.outreach;

import io.parley.contacts.Contacts;
import io.parley.delivery.Deliveries;
import io.parley.delivery.DeliveryStatus;
import io.parley.delivery.DeliveryView;
import io.parley.delivery.OutboundContent;
import io.parley.outreach.internal.CampaignBatch;
import io.parley.outreach.internal.CampaignJob;
import io.parley.outreach.internal.CampaignRepository;
import io.parley.outreach.internal.CampaignRepository.CampaignRow;
import io.parley.outreach.internal.Reach;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.Jobs;
import io.parley.platform.MessageId;
import io.parley.platform.NotFoundException;
import io.parley.templates.MessageTemplates;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A text or template to every contact of a chatbot with a tag, for audiences beyond a broadcast's 100. Creating one only stores
 * it and schedules its first batch; {@link CampaignBatch} queues the messages batch by batch on the campaign lane.
 */
@Service
@EnableConfigurationProperties(OutreachProperties.class)
public class Campaigns {
    private static final int PROGRESS_CHUNK = 1000;

    private final Chatbots chatbots;
    private final Contacts contacts;
    private final Deliveries deliveries;
    private final Reach reach;
    private final CampaignRepository repository;
    private final Jobs jobs;
    private final MessageTemplates templates;
    private final Clock clock;

    Campaigns(
            Chatbots chatbots,
            Contacts contacts,
            Deliveries deliveries,
            Reach reach,
            CampaignRepository repository,
            Jobs jobs,
            MessageTemplates templates,
            Clock clock) {
        this.chatbots = chatbots;
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.reach = reach;
        this.repository = repository;
        this.jobs = jobs;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * @param content a {@link OutboundContent.Text} (free text: reaches contacts whose 24-hour window is open) or an
     *                {@link OutboundContent.Template} (an approved template: reaches contacts who never wrote too)
     */
    @Transactional
    public CampaignView create(ChatbotId chatbotId, String name, String tag, OutboundContent content) {
        return create(chatbotId, name, tag, content, null);
    }

    /** @param channelId null: the chatbot's first channel that may write first; else this channel of the chatbot */
    @Transactional
    public CampaignView create(
            ChatbotId chatbotId, String name, String tag, OutboundContent content, ChannelAccountId channelId) {
        Chatbot chatbot = chatbots.get(chatbotId);
        String cleanName = required("name", name, 200);
        String cleanTag = required("tag", tag, 100);
        OutboundContent body = switch (content) {
            case OutboundContent.Text text -> new OutboundContent.Text(Texts.require(text.text()));
            case OutboundContent.Template template -> {
                template.validate();
                yield template;
            }
            case null, default ->
                throw new InvalidRequestException("validation_failed", "Give exactly one of message and template");
        };
        // A campaign goes through one channel: the chatbot's first that may send this content unprompted.
        ChannelAccount account = channelId == null
                ? reach.accountsFor(chatbotId, body).getFirst()
                : reach.chosen(chatbotId, channelId, body);
        if (body instanceof OutboundContent.Template template) {
            // Checked once here, not per contact: a registered template must be approved and get its parameters.
            templates.checkSendable(
                    account.id(),
                    template.name(),
                    template.language(),
                    template.parameters() == null ? 0 : template.parameters().size());
        }
        Instant now = clock.instant();
        CampaignRow row = new CampaignRow(
                UUID.randomUUID(),
                chatbot.organizationId(),
                chatbotId,
                account.id(),
                cleanName,
                cleanTag,
                body,
                "running",
                contacts.countTagged(chatbotId, cleanTag),
                0,
                0,
                null,
                0,
                now,
                null);
        repository.insert(row);
        jobs.scheduleIfAbsent(CampaignJob.TASK, CampaignBatch.instance(row.id(), 1), now);
        return view(row, List.of());
    }

    /** The campaign with its delivery progress; another chatbot's campaign is not found. */
    public CampaignView get(ChatbotId chatbotId, UUID campaignId) {
        CampaignRow row = repository
                .find(chatbotId, campaignId)
                .orElseThrow(
                        () -> new NotFoundException("campaign_not_found", "No campaign with id '" + campaignId + "'"));
        List<MessageId> messages = repository.messages(campaignId);
        List<DeliveryView> states = new java.util.ArrayList<>();
        for (int i = 0; i < messages.size(); i += PROGRESS_CHUNK) {
            states.addAll(deliveries
                    .forMessages(messages.subList(i, Math.min(messages.size(), i + PROGRESS_CHUNK)))
                    .values());
        }
        return view(row, states);
    }

    private static CampaignView view(CampaignRow row, Collection<DeliveryView> states) {
        int sent = count(states, DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ);
        int delivered = count(states, DeliveryStatus.DELIVERED, DeliveryStatus.READ);
        int failed = count(states, DeliveryStatus.FAILED);
        return new CampaignView(
                row.id(),
                row.chatbotId().value(),
                row.name(),
                row.tag(),
                row.status(),
                row.total(),
                row.queued(),
                row.skipped(),
                sent,
                delivered,
                failed,
                row.createdAt(),
                row.completedAt());
    }

    private static int count(Collection<DeliveryView> states, DeliveryStatus... wanted) {
        List<DeliveryStatus> set = List.of(wanted);
        return (int) states.stream().filter(s -> set.contains(s.status())).count();
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw new InvalidRequestException("validation_failed", field + " must have 1 to " + max + " characters");
        }
        return value.strip();
    }
}
