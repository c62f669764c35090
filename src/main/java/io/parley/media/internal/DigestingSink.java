package io.parley.media.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Writes a download to its staging file while hashing and counting it. A local write error is not the
 * provider's fault: it surfaces as {@link UncheckedIOException} so the job fails and is retried as a whole.
 */
final class DigestingSink extends OutputStream {
    private final OutputStream file;
    private final MessageDigest digest;
    private long count;

    DigestingSink(Path staging) throws IOException {
        this.file = Files.newOutputStream(staging);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        try {
            file.write(bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a media download failed", e);
        }
        digest.update(bytes, offset, length);
        count += length;
    }

    long count() {
        return count;
    }

    byte[] sha256() {
        return digest.digest();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
