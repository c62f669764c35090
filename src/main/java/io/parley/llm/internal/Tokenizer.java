package io.parley.llm.internal;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns free text into the comparable word set the offline model matches on (English and Spanish). */
final class Tokenizer {
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");
    private static final int MIN_TOKEN_LENGTH = 2;

    // Accent-free because they are compared after accents are stripped; both languages share one list
    // because a tenant's customers mix them.
    private static final Set<String> STOP_WORDS = Set.copyOf(List.of(
            // English
            "a",
            "an",
            "the",
            "and",
            "or",
            "but",
            "if",
            "of",
            "to",
            "in",
            "on",
            "at",
            "by",
            "for",
            "with",
            "from",
            "about",
            "as",
            "into",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "am",
            "do",
            "does",
            "did",
            "can",
            "could",
            "will",
            "would",
            "should",
            "may",
            "might",
            "must",
            "have",
            "has",
            "had",
            "i",
            "me",
            "my",
            "we",
            "us",
            "our",
            "you",
            "your",
            "he",
            "she",
            "it",
            "its",
            "they",
            "them",
            "their",
            "this",
            "that",
            "these",
            "those",
            "what",
            "which",
            "who",
            "whom",
            "when",
            "where",
            "why",
            "how",
            "there",
            "here",
            "so",
            "not",
            "no",
            "yes",
            "please",
            "hi",
            "hello",
            "thanks",
            "thank",
            "any",
            "some",
            "tell",
            "know",
            "want",
            "need",
            "than",
            "then",
            "too",
            "very",
            "just",
            "also",
            // Spanish
            "el",
            "la",
            "los",
            "las",
            "un",
            "una",
            "unos",
            "unas",
            "lo",
            "le",
            "les",
            "de",
            "del",
            "al",
            "en",
            "con",
            "por",
            "para",
            "sin",
            "sobre",
            "es",
            "son",
            "era",
            "fue",
            "ser",
            "estar",
            "esta",
            "estan",
            "este",
            "esto",
            "eso",
            "ese",
            "esa",
            "hay",
            "que",
            "cual",
            "cuales",
            "quien",
            "como",
            "donde",
            "cuando",
            "cuanto",
            "cuanta",
            "cuantos",
            "cuantas",
            "porque",
            "mi",
            "mis",
            "tu",
            "tus",
            "su",
            "sus",
            "yo",
            "me",
            "te",
            "se",
            "nos",
            "usted",
            "ustedes",
            "ellos",
            "y",
            "o",
            "pero",
            "si",
            "ni",
            "mas",
            "muy",
            "ya",
            "hola",
            "gracias",
            "favor",
            "quiero",
            "quisiera",
            "puedo",
            "puede",
            "pueden",
            "tienen",
            "tiene",
            "saber"));

    /** Words that make a greeting ("hi", "good morning", "hola, buenas"): stop words for content, not for a hello. */
    private static final Set<String> GREETINGS = Set.of(
            "hi",
            "hello",
            "hey",
            "heya",
            "hiya",
            "howdy",
            "greetings",
            "morning",
            "afternoon",
            "evening",
            "hola",
            "buenas",
            "buenos",
            "dias",
            "tardes",
            "noches");
    /** Words that may stand beside a greeting without making one ("good", "there", "que tal"). */
    private static final Set<String> GREETING_COMPANIONS = Set.of("good", "there", "all", "everyone", "que", "tal");

    private Tokenizer() {}

    /**
     * True when the text is only a greeting: at least one greeting word and nothing else ("Hi!", "Hello there",
     * "Hola, buenas tardes"). The offline model lets such a message find a greeting FAQ entry, which the content
     * words alone never could (greetings are stop words).
     */
    static boolean isGreeting(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        boolean greeted = false;
        for (String word : NON_WORD.split(normalize(text))) {
            if (GREETINGS.contains(word)) {
                greeted = true;
            } else if (!word.isEmpty() && !GREETING_COMPANIONS.contains(word)) {
                return false;
            }
        }
        return greeted;
    }

    static Set<String> tokens(String text) {
        Set<String> tokens = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return tokens;
        }
        for (String word : NON_WORD.split(normalize(text))) {
            if (word.length() >= MIN_TOKEN_LENGTH && !STOP_WORDS.contains(word)) {
                tokens.add(stem(word));
            }
        }
        return tokens;
    }

    private static String normalize(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("");
    }

    /*
     * Only a trailing plural "s" is cut ("hours" -> "hour", "horarios" -> "horario"). The "-es" plurals
     * ("atenciones" -> "atencione") are left to the prefix rule in LexicalMatcher, which is safer than cutting
     * "es" from words like "prices" or "files".
     */
    private static String stem(String word) {
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
