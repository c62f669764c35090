package io.parley.channels.whatsapp.media;

import io.parley.delivery.MediaKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.whatsapp.upload.*}: the most an outbound media upload of each kind may have (WhatsApp's own limits
 * by default, spec §3.8). The servlet's multipart limit ({@code parley.uploads.max-file-size}) is only the ceiling
 * above every kind; a file over its kind's limit but under the ceiling is answered 413 naming the kind's limit.
 */
@ConfigurationProperties("parley.whatsapp.upload")
record WhatsAppUploadProperties(
        @DefaultValue("5MB") DataSize maxImage,
        @DefaultValue("16MB") DataSize maxVideo,
        @DefaultValue("16MB") DataSize maxAudio,
        @DefaultValue("100MB") DataSize maxDocument) {

    long maxBytes(MediaKind kind) {
        return switch (kind) {
            case IMAGE -> maxImage.toBytes();
            case VIDEO -> maxVideo.toBytes();
            case AUDIO -> maxAudio.toBytes();
            case DOCUMENT -> maxDocument.toBytes();
        };
    }

    /** A limit as people read it: {@code 5 MB}, {@code 100 KB} or a number of bytes. */
    static String readable(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        return bytes % 1024 == 0 ? (bytes >> 10) + " KB" : bytes + " bytes";
    }
}
