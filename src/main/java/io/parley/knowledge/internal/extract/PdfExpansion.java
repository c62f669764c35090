package io.parley.knowledge.internal.extract;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Decodes a PDF's streams once, counting and discarding, before its text is read. PDFBox 3 decodes a stream
 * (Flate, LZW, ...) into main memory whatever stream cache the document was loaded with, so a 10 MB file can hold
 * a content stream that inflates to gigabytes. Images are skipped: reading text never decodes them. Object and
 * cross-reference streams are outside this bound: PDFBox decodes them itself when it loads the file or an object
 * stored in them, before this check can count them (the time limit still applies).
 */
final class PdfExpansion {
    private static final Set<COSName> IMAGE_CODECS = Set.of(
            COSName.DCT_DECODE,
            COSName.DCT_DECODE_ABBREVIATION,
            COSName.JPX_DECODE,
            COSName.JBIG2_DECODE,
            COSName.CCITTFAX_DECODE,
            COSName.CCITTFAX_DECODE_ABBREVIATION);

    private PdfExpansion() {}

    static void requireWithin(PDDocument document, long maxBytes) {
        COSDocument cos = document.getDocument();
        Budget budget = new Budget(maxBytes);
        for (COSObjectKey key : new ArrayList<>(cos.getXrefTable().keySet())) {
            Extractor.checkpoint();
            if (cos.getObjectFromPool(key).getObject() instanceof COSStream stream && !isImage(stream)) {
                decode(stream, budget);
            }
        }
    }

    private static boolean isImage(COSStream stream) {
        return COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))
                || filters(stream).stream().anyMatch(IMAGE_CODECS::contains);
    }

    /**
     * Runs the stream's filters in order; only the last one's output is discarded as it is counted. A stream that
     * does not decode is left to the text extraction, which is lenient with some damage.
     */
    private static void decode(COSStream stream, Budget budget) {
        List<COSName> filters = filters(stream);
        try (InputStream raw = stream.createRawInputStream()) {
            InputStream input = raw;
            for (int i = 0; i < filters.size(); i++) {
                boolean last = i == filters.size() - 1;
                Counted output = new Counted(budget, !last);
                FilterFactory.INSTANCE
                        .getFilter(filters.get(i))
                        .decode(input, output, stream, i, DecodeOptions.DEFAULT);
                input = last ? null : new ByteArrayInputStream(output.kept.toByteArray());
            }
        } catch (IOException e) {
            // counted up to the damage
        }
    }

    private static List<COSName> filters(COSStream stream) {
        COSBase filters = stream.getFilters();
        if (filters instanceof COSName name) {
            return List.of(name);
        }
        List<COSName> names = new ArrayList<>();
        if (filters instanceof COSArray array) {
            for (COSBase entry : array) {
                if (entry instanceof COSName name) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static final class Budget {
        private final long max;
        private long used;

        Budget(long max) {
            this.max = max;
        }

        void spend(long bytes) {
            used += bytes;
            if (used > max) {
                throw new ExtractionException(
                        "The PDF expands to more than " + HumanUnits.bytes(max)
                                + " when its streams are decoded (the limit for one document)",
                        null);
            }
        }
    }

    /** Counts what a filter writes against the budget; keeps it only when another filter reads it next. */
    private static final class Counted extends OutputStream {
        private final Budget budget;
        private final ByteArrayOutputStream kept;

        Counted(Budget budget, boolean keep) {
            this.budget = budget;
            this.kept = keep ? new ByteArrayOutputStream() : null;
        }

        @Override
        public void write(int b) {
            budget.spend(1);
            if (kept != null) {
                kept.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            budget.spend(length);
            Extractor.checkpoint();
            if (kept != null) {
                kept.write(bytes, offset, length);
            }
        }
    }
}
