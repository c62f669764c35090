package io.parley.platform.egress;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * An open response. Closing it before the body was read to its end drops the connection: the client would otherwise
 * read the rest of the body to reuse the connection, however large (or endless) it is.
 */
public final class Exchange implements Closeable {
    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private boolean complete;

    Exchange(HttpUriRequestBase request, ClassicHttpResponse response) {
        this.request = request;
        this.response = response;
    }

    public int status() {
        return response.getCode();
    }

    /** Lower-case names, values in order. */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(header.getValue());
        }
        return headers;
    }

    public Optional<String> header(String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? Optional.empty() : Optional.of(header.getValue());
    }

    /** The body as it arrives (an empty stream when there is none). */
    public InputStream body() throws IOException {
        HttpEntity entity = response.getEntity();
        return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    /** The whole body, or {@link BodyTooLargeException} as soon as it passes {@code limit} bytes. */
    public byte[] readBody(long limit) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity != null && entity.getContentLength() > limit) {
            throw new BodyTooLargeException(limit);
        }
        return read(limit, true);
    }

    /** At most the first {@code limit} bytes of the body; the rest is never read. */
    public byte[] readPrefix(long limit) throws IOException {
        return read(limit, false);
    }

    private byte[] read(long limit, boolean failPastLimit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        InputStream in = body();
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (total + n > limit) {
                // drop the connection first: closing the stream of a live connection would read the rest
                request.cancel();
                if (failPastLimit) {
                    throw new BodyTooLargeException(limit);
                }
                out.write(buffer, 0, (int) (limit - total));
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
            total += n;
        }
        complete = true;
        in.close();
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        if (complete) {
            response.close();
            return;
        }
        request.cancel();
        try {
            response.close();
        } catch (IOException e) {
            // the connection was dropped on purpose; what is left of it does not matter
        }
    }
}
