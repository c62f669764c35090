package io.parley.templates;

import io.parley.platform.ChannelAccountId;
import java.util.List;

/** Port: a channel that can list the templates of a business account (WhatsApp: the Graph API). */
public interface TemplateSource {
    /**
     * Every template of {@code businessAccountId}, following the provider's paging, read with the channel account's
     * credentials. Throws {@link io.parley.platform.TransientException} when the provider cannot be read.
     */
    List<RemoteTemplate> list(ChannelAccountId channelAccountId, String businessAccountId);
}
