package io.parley.tools.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events from a stream, one event's {@code data} at a time (lines joined by "\n"), with a limit
 * on one event's size so a server cannot make Parley buffer without end.
 */
final class SseEvents {
    private final InputStream in;
    private final int maxEventBytes;

    SseEvents(InputStream in, int maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /** The next event's data, or null at the end of the stream. */
    String next() throws IOException {
        StringBuilder data = null;
        String line;
        while ((line = line()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
                continue;
            }
            if (line.startsWith("data:")) {
                String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
                if (data.length() > maxEventBytes) {
                    throw new McpHttpFailure(
                            "an event of the server's stream is larger than " + maxEventBytes + " bytes");
                }
            }
        }
        return data == null ? null : data.toString();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return trimCarriageReturn(line);
            }
            if (line.size() >= maxEventBytes) {
                throw new McpHttpFailure("a line of the server's stream is longer than " + maxEventBytes + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : trimCarriageReturn(line);
    }

    private static String trimCarriageReturn(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
