package io.parley.outreach.internal;

import io.parley.delivery.OutboundContent;
import io.parley.outreach.CampaignView;
import io.parley.outreach.Campaigns;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns of a chatbot: admins create them (the POST default), agents read their progress (the GET default). */
@RestController
class CampaignController {
    private final Campaigns campaigns;

    CampaignController(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    /** @param channelId optional: send through this channel of the chatbot (it must allow proactive messages) */
    record CampaignRequest(
            String name,
            String tag,
            MessageBodies.Message message,
            OutboundContent.Template template,
            String channelId) {}

    @PostMapping("/api/v1/chatbots/{botId}/campaigns")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CampaignView create(@PathVariable String botId, @RequestBody(required = false) CampaignRequest body) {
        ChatbotId chatbot = Ids.parse(botId, "chatbot", ChatbotId::new);
        OutboundContent content = body == null
                ? MessageBodies.content(null, null)
                : MessageBodies.content(body.message(), body.template());
        return campaigns.create(
                chatbot,
                body.name(),
                body.tag(),
                content,
                body == null || body.channelId() == null
                        ? null
                        : Ids.parse(body.channelId(), "channel", ChannelAccountId::new));
    }

    @GetMapping("/api/v1/chatbots/{botId}/campaigns/{campaignId}")
    CampaignView get(@PathVariable String botId, @PathVariable String campaignId) {
        return campaigns.get(Ids.parse(botId, "chatbot", ChatbotId::new), Ids.parse(campaignId, "campaign", id -> id));
    }
}
