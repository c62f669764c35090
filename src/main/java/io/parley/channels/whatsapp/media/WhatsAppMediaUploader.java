package io.parley.channels.whatsapp.media;

import io.parley.delivery.MediaKind;
import io.parley.delivery.MediaUploader;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import org.springframework.stereotype.Component;

/**
 * The WhatsApp side of {@link MediaUploader}: the file goes to {@code /{phone-number-id}/media} with the number's
 * token through {@link GraphUpload}, under the same per-kind limits as {@code POST /api/v1/chatbots/{botId}/media}.
 */
@Component
class WhatsAppMediaUploader implements MediaUploader {
    private final ChannelAccounts accounts;
    private final GraphUpload upload;
    private final WhatsAppUploadProperties limits;

    WhatsAppMediaUploader(ChannelAccounts accounts, GraphUpload upload, WhatsAppUploadProperties limits) {
        this.accounts = accounts;
        this.upload = upload;
        this.limits = limits;
    }

    @Override
    public ChannelType channel() {
        return ChannelType.WHATSAPP;
    }

    @Override
    public long maxBytes(MediaKind kind) {
        return limits.maxBytes(kind);
    }

    @Override
    public String upload(ChannelAccountId channelAccountId, String filename, String contentType, byte[] bytes) {
        ChannelAccount account = accounts.get(channelAccountId);
        return upload.upload(
                account.externalId(),
                accounts.whatsAppCredentials(account.id()).accessToken(),
                contentType,
                filename,
                bytes);
    }
}
