package io.parley.media.internal;

import io.parley.media.MediaLibrary;
import io.parley.tenancy.DeletionScope;
import io.parley.tenancy.TenantDataEraser;
import org.springframework.stereotype.Component;

/** Media files live outside the database: a deleted channel, chatbot or organization takes its files along. */
@Component
class MediaErasure implements TenantDataEraser {
    private final MediaLibrary library;

    MediaErasure(MediaLibrary library) {
        this.library = library;
    }

    @Override
    public void erase(DeletionScope scope) {
        switch (scope) {
            case DeletionScope.Organization organization -> library.deleteAll(organization.organizationId());
            case DeletionScope.Channels channels ->
                library.deleteForChannels(channels.organizationId(), channels.channelAccountIds());
        }
    }
}
