package io.parley.outreach.internal;

import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.conversation.PilotBlockedException;
import io.parley.conversation.ProactiveMessages;
import io.parley.conversation.ProactiveMessages.Proactive;
import io.parley.conversation.ProactiveMessages.Queued;
import io.parley.delivery.Lane;
import io.parley.outreach.OutreachProperties;
import io.parley.outreach.internal.CampaignRepository.CampaignRow;
import io.parley.platform.ContactId;
import io.parley.platform.Jobs;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One batch of a campaign in one transaction: the next contacts with the tag after the cursor, a message each (the
 * campaign's text or template) on
 * the campaign lane (idempotency key {@code campaign:<id>:<contact>}), the cursor moved, the next batch scheduled.
 * A crash rolls the batch back whole; a re-run finds the cursor where the last commit left it, and a message queued
 * under a key before is never queued again.
 */
@Component
public class CampaignBatch {
    private final CampaignRepository campaigns;
    private final Contacts contacts;
    private final ProactiveMessages messages;
    private final Jobs jobs;
    private final OutreachProperties properties;
    private final Clock clock;
    private final Reach reach;
    private final ChannelAccounts accounts;

    CampaignBatch(
            CampaignRepository campaigns,
            Contacts contacts,
            ProactiveMessages messages,
            Jobs jobs,
            OutreachProperties properties,
            Clock clock,
            Reach reach,
            ChannelAccounts accounts) {
        this.reach = reach;
        this.accounts = accounts;
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.messages = messages;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    /** The job instance id of a campaign's {@code n}th batch. */
    public static String instance(UUID campaign, int batch) {
        return campaign + ":" + batch;
    }

    public static UUID campaignOf(String instance) {
        return UUID.fromString(instance.substring(0, instance.indexOf(':')));
    }

    @Transactional
    public void run(UUID campaignId) {
        Optional<CampaignRow> locked = campaigns.lock(campaignId);
        if (locked.isEmpty() || !locked.get().status().equals("running")) {
            return;
        }
        CampaignRow campaign = locked.get();
        int size = properties.campaignBatchSize();
        List<ContactId> page = contacts.taggedAfter(campaign.chatbotId(), campaign.tag(), campaign.cursor(), size);
        Map<ContactId, Contact> found = contacts.findAll(page);
        ChannelAccount account = accounts.get(campaign.channelAccountId());
        int queued = 0;
        int skipped = 0;
        for (ContactId id : page) {
            Contact contact = found.get(id);
            if (contact == null || !reach.reachable(account, contact)) {
                skipped++;
                continue;
            }
            Optional<Queued> sent;
            try {
                sent = messages.send(new Proactive(
                        campaign.organizationId(),
                        campaign.chatbotId(),
                        campaign.channelAccountId(),
                        account.type(),
                        id,
                        campaign.content(),
                        Lane.CAMPAIGN,
                        "campaign:" + campaign.id() + ":" + id,
                        Map.of("source", "campaign", "campaignId", campaign.id())));
            } catch (PilotBlockedException e) {
                skipped++; // pilot mode: recorded as pilot_mode.outbound_blocked
                continue;
            }
            if (sent.isPresent()) {
                campaigns.addMessage(campaign.id(), id, sent.get().messageId());
                queued++;
            }
        }
        Instant now = clock.instant();
        boolean last = page.size() < size;
        campaigns.advance(campaign.id(), page.isEmpty() ? null : page.getLast(), queued, skipped, last ? now : null);
        if (!last) {
            jobs.scheduleIfAbsent(CampaignJob.TASK, instance(campaign.id(), campaign.batches() + 2), now);
        }
    }
}
