package io.parley.knowledge;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Documents built to hurt a parser: small files that unpack or decode to far more, and documents with much work. */
public final class HostileDocuments {
    private HostileDocuments() {}

    /**
     * An Office file (DOCX, XLSX, PPTX) plus one part that unzips to {@code fillerBytes} of XML compressed about
     * 56:1, under POI's own zip-bomb ratio (100:1) and entry size (100 MB) guards.
     */
    public static byte[] withFillerPart(byte[] office, long fillerBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(office));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("customXml/item1.xml"));
            writeFiller(zip, fillerBytes);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A one-page PDF whose content stream is {@code decodedBytes} of spaces, Flate-compressed about 1000:1. */
    public static byte[] pdfWithInflatingPage(long decodedBytes) {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDStream contents = new PDStream(document);
            try (OutputStream raw = contents.getCOSObject().createRawOutputStream();
                    DeflaterOutputStream flate =
                            new DeflaterOutputStream(raw, new Deflater(Deflater.BEST_COMPRESSION))) {
                byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                for (long written = 0; written < decodedBytes; written += spaces.length) {
                    flate.write(spaces, 0, (int) Math.min(spaces.length, decodedBytes - written));
                }
            }
            contents.getCOSObject().setItem(COSName.FILTER, COSName.FLATE_DECODE);
            page.setContents(contents);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ordinary PDF with much text: {@code pages} pages of {@code lines} lines each. */
    public static byte[] longPdf(int pages, int lines) {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    for (int line = 0; line < lines; line++) {
                        text.beginText();
                        text.setFont(font, 6);
                        text.newLineAtOffset(20 + (line % 4) * 140, 780 - (line / 4) * 7);
                        text.showText("Item " + p + "-" + line + " costs " + (line * 7 % 100) + " euros");
                        text.endText();
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFiller(OutputStream out, long bytes) throws IOException {
        out.write("<filler>\n".getBytes(StandardCharsets.US_ASCII));
        long written = 0;
        for (int row = 0; written < bytes; row++) {
            byte[] line =
                    ("<row n=\"" + row + "\">" + "filler ".repeat(20) + "</row>\n").getBytes(StandardCharsets.US_ASCII);
            out.write(line);
            written += line.length;
        }
        out.write("</filler>\n".getBytes(StandardCharsets.US_ASCII));
    }
}
