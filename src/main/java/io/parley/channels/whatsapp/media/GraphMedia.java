package io.parley.channels.whatsapp.media;

import io.parley.channels.whatsapp.WhatsAppProperties;
import io.parley.channels.whatsapp.graph.GraphClient;
import io.parley.channels.whatsapp.graph.GraphError;
import io.parley.channels.whatsapp.graph.GraphOutcomes;
import io.parley.channels.whatsapp.graph.GraphResponse;
import io.parley.media.MediaFetch;
import io.parley.media.MediaSource;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.Secret;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccounts;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Downloads inbound media from Meta: {@code GET /{media-id}} with the channel's token gives a short-lived URL, and
 * {@code GET <url>} with the same token gives the bytes. The URL is used once and never leaves this class.
 */
@Component
class GraphMedia implements MediaSource {
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final GraphClient graph;
    private final WhatsAppProperties properties;
    private final ChannelAccounts accounts;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("graph-media-deadline").daemon().factory());

    GraphMedia(GraphClient graph, WhatsAppProperties properties, ChannelAccounts accounts) {
        this.graph = graph;
        this.properties = properties;
        this.accounts = accounts;
    }

    @Override
    public ChannelType channel() {
        return ChannelType.WHATSAPP;
    }

    @Override
    public MediaFetch fetch(ChannelAccountId channelAccountId, String mediaId, long maxBytes, OutputStream sink) {
        if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
            return new MediaFetch.Failed("invalid_media_id", "The media id is not a Graph id");
        }
        Secret token = accounts.whatsAppCredentials(channelAccountId).accessToken();
        try {
            GraphResponse metadata = graph.getMedia(mediaId, token);
            if (!metadata.ok()) {
                GraphError error = metadata.error();
                return GraphOutcomes.forMediaLookup(metadata.status(), error == null ? null : error.code());
            }
            JsonNode node = metadata.json();
            String url = text(node, "url");
            if (url == null) {
                return new MediaFetch.RetryLater("no_media_url", "Graph API answered without a download URL");
            }
            long declaredSize = node.path("file_size").asLong(-1);
            if (declaredSize > maxBytes) {
                return tooLarge(maxBytes);
            }
            return download(URI.create(url), token, maxBytes, sink, text(node, "mime_type"), text(node, "sha256"));
        } catch (HttpTimeoutException e) {
            return new MediaFetch.RetryLater("timeout", e.getClass().getSimpleName());
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            return new MediaFetch.RetryLater("network_error", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MediaFetch.RetryLater("interrupted", "Interrupted while downloading");
        }
    }

    private MediaFetch download(URI url, Secret token, long maxBytes, OutputStream sink, String mimeType, String sha256)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = graph.download(url, token);
        // The request timeout ends when the headers arrive; a body that stalls or trickles is cut off here by
        // closing its stream, which wakes the blocked read.
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = watchdog.schedule(
                () -> {
                    expired.set(true);
                    closeQuietly(response.body());
                },
                properties.mediaTransferTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try (InputStream in = response.body()) {
            int status = response.statusCode();
            if (status / 100 != 2) {
                // The URL lives about 5 minutes: a 4xx on it is retried with a fresh one from the metadata call.
                return new MediaFetch.RetryLater("download_http_" + status, "Download answered HTTP " + status);
            }
            if (response.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
                return tooLarge(maxBytes);
            }
            byte[] buffer = new byte[64 * 1024];
            long copied = 0;
            for (int read; (read = in.read(buffer)) != -1; ) {
                copied += read;
                if (copied > maxBytes) {
                    return tooLarge(maxBytes);
                }
                sink.write(buffer, 0, read);
            }
        } catch (IOException e) {
            if (!expired.get()) {
                throw e;
            }
        } finally {
            deadline.cancel(false);
        }
        if (expired.get()) {
            return new MediaFetch.RetryLater(
                    "transfer_timeout", "The download took longer than " + properties.mediaTransferTimeout());
        }
        return new MediaFetch.Fetched(mimeType, sha256);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader sees the stream end either way
        }
    }

    @PreDestroy
    void close() {
        watchdog.shutdownNow();
    }

    private static MediaFetch tooLarge(long maxBytes) {
        return new MediaFetch.Failed("too_large", "Larger than the limit of " + maxBytes + " bytes");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
