package io.parley.media;

import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How a stored media object goes to a browser, for every route that serves one (the API's and the console's): its
 * own content type (octet-stream when unknown or not concrete), shown inline only when it is an image of a safe
 * type (and, where asked, audio or video), a download otherwise, never sniffed, sandboxed, cached privately.
 */
public final class MediaDownloads {
    private static final Set<String> INLINE_IMAGES = Set.of("image/jpeg", "image/png", "image/webp", "image/gif");

    private MediaDownloads() {}

    /** @param playInline whether audio and video are shown inline too (the console plays them in the transcript) */
    public static ResponseEntity<Resource> response(MediaLibrary.Content content, boolean playInline) {
        MediaInfo info = content.info();
        MediaType type = mediaType(info.mimeType());
        boolean inline = INLINE_IMAGES.contains(type.getType() + "/" + type.getSubtype())
                || (playInline
                        && (type.getType().equals("audio") || type.getType().equals("video")));
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(info.id().toString())
                .build();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
        if (info.sizeBytes() != null) {
            answer.contentLength(info.sizeBytes());
        }
        return answer.body(new InputStreamResource(content.bytes()));
    }

    private static MediaType mediaType(String mimeType) {
        if (mimeType == null) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            MediaType parsed = MediaType.parseMediaType(mimeType);
            return parsed.isConcrete() ? parsed : MediaType.APPLICATION_OCTET_STREAM;
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
