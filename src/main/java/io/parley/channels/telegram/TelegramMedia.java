package io.parley.channels.telegram;

import io.parley.media.MediaFetch;
import io.parley.media.MediaSource;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.channel.ChannelType;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * Downloads inbound files for the media module: {@code getFile} turns a {@code file_id} into a {@code file_path}
 * (valid at least an hour), and {@code /file/bot<token>/<file_path>} gives the bytes. The Bot API hands out at most
 * 20 MB; a larger file is {@code too_large} without a download. The path carries the token: it never leaves this
 * class and is never logged.
 */
@Component
class TelegramMedia implements MediaSource {
    private final BotApi api;
    private final TelegramStore store;
    private final TelegramProperties properties;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("telegram-media-deadline").daemon().factory());

    TelegramMedia(BotApi api, TelegramStore store, TelegramProperties properties) {
        this.api = api;
        this.store = store;
        this.properties = properties;
    }

    @Override
    public ChannelType channel() {
        return TelegramChannel.TYPE;
    }

    @Override
    public MediaFetch fetch(ChannelAccountId channelAccountId, String fileId, long maxBytes, OutputStream sink) {
        Optional<TelegramBot> bot = store.find(channelAccountId);
        if (bot.isEmpty()) {
            return new MediaFetch.Failed("channel_not_found", "The Telegram channel was removed");
        }
        long limit = Math.min(maxBytes, properties.maxFileSize().toBytes());
        try {
            BotAnswer file = api.call(bot.get().token(), "getFile", Map.of("file_id", fileId));
            if (!file.ok()) {
                if (file.status() == 429 || file.status() / 100 == 5) {
                    return new MediaFetch.RetryLater("http_" + file.status(), file.why());
                }
                if (file.describes("file is too big")) {
                    return tooLarge(limit);
                }
                return new MediaFetch.Failed("http_" + file.status(), file.why());
            }
            if (file.result().path("file_size").asLong(-1) > limit) {
                return tooLarge(limit);
            }
            String path = TelegramUpdateReader.text(file.result(), "file_path");
            if (path == null) {
                return new MediaFetch.RetryLater("no_file_path", "getFile answered without a file_path");
            }
            return download(bot.get(), path, limit, sink);
        } catch (HttpTimeoutException e) {
            return new MediaFetch.RetryLater("timeout", e.getClass().getSimpleName());
        } catch (IOException e) {
            return new MediaFetch.RetryLater("network_error", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MediaFetch.RetryLater("interrupted", "Interrupted while downloading");
        }
    }

    private MediaFetch download(TelegramBot bot, String path, long limit, OutputStream sink)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = api.download(bot.token(), path);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = watchdog.schedule(
                () -> {
                    expired.set(true);
                    closeQuietly(response.body());
                },
                properties.mediaTransferTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        String mime = response.headers().firstValue("Content-Type").orElse(null);
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                return new MediaFetch.RetryLater(
                        "download_http_" + response.statusCode(), "Download answered HTTP " + response.statusCode());
            }
            byte[] buffer = new byte[64 * 1024];
            long copied = 0;
            for (int read; (read = in.read(buffer)) != -1; ) {
                copied += read;
                if (copied > limit) {
                    return tooLarge(limit);
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
            return new MediaFetch.RetryLater("transfer_timeout", "The download took too long");
        }
        return new MediaFetch.Fetched(mime, null);
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

    private static MediaFetch tooLarge(long limit) {
        return new MediaFetch.Failed("too_large", "Larger than the limit of " + limit + " bytes");
    }
}
