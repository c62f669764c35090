package io.parley.knowledge.internal.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Unzips an Office document once, counting and discarding, before POI reads it. POI keeps every entry of a package
 * read from memory in memory, and its own guards (kept at their defaults) stop only an entry compressed more than
 * 100:1 or larger than 100 MB: a 10 MB file of many entries just under both would still unpack to about a gigabyte.
 * The entries are read exactly as POI reads them (commons-compress, local headers in order), so what is counted here
 * is what POI would hold.
 */
final class OfficeExpansion {
    private OfficeExpansion() {}

    static void requireWithin(byte[] document, long maxBytes) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(
                new ByteArrayInputStream(document), StandardCharsets.UTF_8.name(), false, true)) {
            while (zip.getNextEntry() != null) {
                for (int read = zip.read(buffer); read > 0; read = zip.read(buffer)) {
                    total += read;
                    if (total > maxBytes) {
                        throw new ExtractionException(
                                "The document unpacks to more than " + HumanUnits.bytes(maxBytes)
                                        + " (the limit for one document; is it a zip bomb?)",
                                null);
                    }
                    Extractor.checkpoint();
                }
            }
        } catch (IOException e) {
            // not a zip this can read: POI will say what is wrong with it
        }
    }
}
