package io.parley.knowledge.internal.extract;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The document types the knowledge base reads, recognised by file extension or declared media type. */
public final class MediaTypes {
    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public static final String HTML = "text/html";
    static final String TEXT = "text/plain";
    static final String MARKDOWN = "text/markdown";

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "pdf",
            PDF,
            "docx",
            DOCX,
            "xlsx",
            XLSX,
            "pptx",
            PPTX,
            "html",
            HTML,
            "htm",
            HTML,
            "txt",
            TEXT,
            "md",
            MARKDOWN,
            "markdown",
            MARKDOWN);

    private MediaTypes() {}

    /** The supported type of an upload: the extension decides, the declared type helps when there is none. */
    public static Optional<String> detect(String filename, String declared) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && BY_EXTENSION.containsKey(name.substring(dot + 1))) {
            return Optional.of(BY_EXTENSION.get(name.substring(dot + 1)));
        }
        return ofDeclared(declared);
    }

    /** A fetched page's Content-Type header, parameters dropped. */
    public static Optional<String> ofDeclared(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        String type = declared.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/xhtml+xml")) {
            return Optional.of(HTML);
        }
        return BY_EXTENSION.values().stream().filter(type::equals).findFirst();
    }
}
