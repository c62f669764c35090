package io.parley.channels.whatsapp.graph;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body for Graph: text fields, then one file. */
public final class GraphMultipart {
    private final String boundary = "parley-" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

    public GraphMultipart field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** The file part; quotes, backslashes and line breaks in its name become {@code _}, a missing name "file". */
    public GraphMultipart file(String name, String filename, String mimeType, byte[] file) {
        String safeName = filename == null || filename.isBlank() ? "file" : filename.replaceAll("[\"\\r\\n\\\\]", "_");
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + safeName
                + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n");
        out.writeBytes(file);
        write("\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream(out.size() + 64);
        all.writeBytes(out.toByteArray());
        all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return all.toByteArray();
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
