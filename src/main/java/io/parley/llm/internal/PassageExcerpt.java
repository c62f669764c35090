package io.parley.llm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The part of a knowledge passage the offline model answers with: the sentence or table row that shares the most
 * words with the question (the first one when none does), never the whole chunk. A table row comes without its
 * table syntax: {@code Header: value; Header: value} when the table has a header row (a Markdown table's first
 * row), else its cells separated by commas. Headings and list markers are dropped. Plain loops, no regular
 * expressions: the passage is text from a tenant's documents.
 */
final class PassageExcerpt {
    private PassageExcerpt() {}

    /** A sentence or a table row, and the words it is matched on. */
    private record Candidate(String text, Set<String> tokens) {}

    static String best(String passage, String question) {
        List<Candidate> candidates = candidates(passage);
        if (candidates.isEmpty()) {
            return passage.strip();
        }
        Set<String> wanted = Tokenizer.tokens(question);
        Candidate best = candidates.getFirst();
        long bestHits = 0;
        for (Candidate candidate : candidates) {
            long hits = wanted.stream()
                    .filter(word -> LexicalMatcher.containsSimilar(candidate.tokens(), word))
                    .count();
            // Strictly more: on a tie the earlier one wins, it usually states the point and the rest qualifies it.
            if (hits > bestHits) {
                best = candidate;
                bestHits = hits;
            }
        }
        return best.text();
    }

    private static List<Candidate> candidates(String passage) {
        List<Candidate> candidates = new ArrayList<>();
        List<String> header = null;
        List<String> previousRow = null;
        StringBuilder paragraph = new StringBuilder();
        for (String rawLine : passage.split("\n")) {
            String line = rawLine.strip();
            List<String> cells = cells(line);
            if (cells == null) {
                header = null;
                previousRow = null;
                if (line.isEmpty() || line.startsWith("#")) {
                    addSentences(candidates, paragraph); // a blank line or a heading ends the paragraph
                    continue;
                }
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(withoutListMarker(line));
                continue;
            }
            addSentences(candidates, paragraph);
            if (isSeparator(cells)) {
                // The row above a Markdown separator is the header, not an answer.
                if (previousRow != null && !candidates.isEmpty()) {
                    candidates.removeLast();
                    header = previousRow;
                }
                continue;
            }
            candidates.add(row(header, cells));
            previousRow = cells;
        }
        addSentences(candidates, paragraph);
        return candidates;
    }

    /** The cells of a table row ({@code | a | b |} or {@code a | b}), or null when the line is not one. */
    private static List<String> cells(String line) {
        if (line.indexOf('|') < 0) {
            return null;
        }
        String inner = line;
        if (inner.startsWith("|")) {
            inner = inner.substring(1);
        }
        if (inner.endsWith("|")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells.size() < 2 ? null : cells;
    }

    private static boolean isSeparator(List<String> cells) {
        for (String cell : cells) {
            String dashes = cell.replace(":", "");
            if (dashes.length() < 3 || !dashes.chars().allMatch(c -> c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static Candidate row(List<String> header, List<String> cells) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).isEmpty()) {
                continue;
            }
            boolean named =
                    header != null && i < header.size() && !header.get(i).isEmpty();
            parts.add(named ? header.get(i) + ": " + cells.get(i) : cells.get(i));
        }
        String text = String.join(header == null ? ", " : "; ", parts);
        return new Candidate(text, Tokenizer.tokens(header == null ? text : String.join(" ", cells)));
    }

    private static String withoutListMarker(String line) {
        if (line.length() > 2
                && (line.charAt(0) == '-' || line.charAt(0) == '*' || line.charAt(0) == '+')
                && line.charAt(1) == ' ') {
            return line.substring(2).strip();
        }
        int digits = 0;
        while (digits < line.length() && digits < 3 && Character.isDigit(line.charAt(digits))) {
            digits++;
        }
        if (digits > 0
                && line.length() > digits + 1
                && (line.charAt(digits) == '.' || line.charAt(digits) == ')')
                && line.charAt(digits + 1) == ' ') {
            return line.substring(digits + 2).strip();
        }
        return line;
    }

    /** Splits at . ! ? … followed by a space and a capital letter, a digit or an opening mark. */
    private static void addSentences(List<Candidate> candidates, StringBuilder paragraph) {
        String text = paragraph.toString();
        paragraph.setLength(0);
        int start = 0;
        for (int i = 0; i < text.length() - 2; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '…')
                    && text.charAt(i + 1) == ' '
                    && startsSentence(text.charAt(i + 2))) {
                add(candidates, text.substring(start, i + 1));
                start = i + 2;
            }
        }
        add(candidates, text.substring(start));
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || "\"'“¿¡([*_".indexOf(c) >= 0;
    }

    private static void add(List<Candidate> candidates, String sentence) {
        String text = sentence.strip();
        if (!text.isEmpty()) {
            candidates.add(new Candidate(text, Tokenizer.tokens(text)));
        }
    }
}
