package io.parley.knowledge.internal.index;

import io.parley.knowledge.internal.extract.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunks by structure, then by size: consecutive sections with the same location are packed together up to
 * {@code size} characters; a longer section is cut in windows that break at a paragraph, then a line, then a
 * sentence, then a word (never before half a window, so progress is guaranteed), each window repeating the last
 * {@code overlap} characters of the previous one.
 */
final class Chunker {
    private final int size;
    private final int overlap;

    Chunker(int size, int overlap) {
        if (size < 50 || overlap < 0 || overlap >= size / 2) {
            throw new IllegalArgumentException("chunk size " + size + " / overlap " + overlap + " are out of range");
        }
        this.size = size;
        this.overlap = overlap;
    }

    List<Chunk> chunk(List<Section> sections) {
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Section currentSection = null;
        for (Section section : sections) {
            String text = section.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            boolean fits = currentSection != null
                    && currentSection.location().equals(section.location())
                    && current.length() + 2 + text.length() <= size;
            if (fits) {
                current.append("\n\n").append(text);
                continue;
            }
            flush(chunks, current, currentSection);
            currentSection = section;
            if (text.length() <= size) {
                current.append(text);
            } else {
                for (String piece : split(text)) {
                    chunks.add(new Chunk(piece, section.location()));
                }
                currentSection = null;
            }
        }
        flush(chunks, current, currentSection);
        return chunks;
    }

    private static void flush(List<Chunk> chunks, StringBuilder current, Section section) {
        if (section != null && !current.isEmpty()) {
            chunks.add(new Chunk(current.toString(), section.location()));
        }
        current.setLength(0);
    }

    List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            if (text.length() - start <= size) {
                pieces.add(text.substring(start).strip());
                break;
            }
            int end = breakPoint(text, start);
            pieces.add(text.substring(start, end).strip());
            start = Math.max(end - overlap, start + 1);
            while (start < text.length()
                    && start > 0
                    && !Character.isWhitespace(text.charAt(start - 1))
                    && start < end) {
                start++; // begin the overlap at a word boundary
            }
        }
        pieces.removeIf(String::isEmpty);
        return pieces;
    }

    private int breakPoint(String text, int start) {
        int limit = start + size;
        int earliest = start + size / 2;
        for (String separator : new String[] {"\n\n", "\n", ". ", " "}) {
            int at = text.lastIndexOf(separator, limit - separator.length());
            if (at >= earliest) {
                return at + separator.length();
            }
        }
        return limit;
    }
}
