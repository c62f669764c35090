package io.parley.delivery;

import static io.parley.delivery.internal.ContentChecks.check;
import static io.parley.delivery.internal.ContentChecks.length;
import static io.parley.delivery.internal.ContentChecks.required;

import io.parley.delivery.internal.ContentChecks;
import io.parley.platform.channel.ChannelCapabilities;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import io.parley.platform.channel.ChannelType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an outbound message says, one kind per record. {@link #validate()} checks the shape and the limits every
 * channel shares before anything is stored (a violation is a 400 naming the field), {@link #validateFor} what the
 * channel's capabilities allow; {@link #transcript()} is the readable text the conversation transcript and channels
 * that cannot render the kind show.
 */
public sealed interface OutboundContent
        permits OutboundContent.Text,
                OutboundContent.Media,
                OutboundContent.Interactive,
                OutboundContent.Reaction,
                OutboundContent.Location,
                OutboundContent.Template {

    /** The wire name stored in {@code outbound_messages.payload.type} and as the transcript message type. */
    String wireType();

    String transcript();

    /** Throws {@link io.parley.platform.InvalidRequestException} with a {@code field} path on the first violation. */
    void validate();

    /** The kind as channel capabilities name it. */
    default OutboundKind outboundKind() {
        return switch (this) {
            case Text ignored -> OutboundKind.TEXT;
            case Media media -> media.id() != null ? OutboundKind.MEDIA_UPLOADED : OutboundKind.MEDIA_LINK;
            case Interactive ignored -> OutboundKind.INTERACTIVE;
            case Reaction ignored -> OutboundKind.REACTION;
            case Location ignored -> OutboundKind.LOCATION;
            case Template ignored -> OutboundKind.TEMPLATE;
        };
    }

    /**
     * {@link #validate()}, then what the channel allows: its text length limit ({@code text}) and whether it can
     * send this kind at all (400 {@code unsupported_on_channel}).
     */
    default void validateFor(ChannelType channel, ChannelCapabilities capabilities) {
        validate();
        if (this instanceof Text text) {
            check(
                    "text",
                    text.text().codePointCount(0, text.text().length()) <= capabilities.maxTextLength(),
                    "text must have 1 to " + capabilities.maxTextLength() + " characters");
        }
        if (!capabilities.supports(outboundKind())) {
            throw new io.parley.platform.InvalidRequestException(
                    "unsupported_on_channel",
                    (this instanceof Template
                                    ? "Templates"
                                    : this instanceof Media ? "Media by uploaded id" : "Messages of type " + wireType())
                            + " cannot be sent on a " + channel
                            + " channel",
                    java.util.Map.of("field", wireType(), "channel", channel.wireName()));
        }
    }

    record Text(String text) implements OutboundContent {
        /** The longest text any channel takes; each channel's own limit is in its capabilities. */
        public static final int MAX_TEXT = 10_000;

        public String wireType() {
            return "text";
        }

        public String transcript() {
            return text;
        }

        public void validate() {
            check(
                    "text",
                    text != null && !text.isBlank() && text.codePointCount(0, text.length()) <= MAX_TEXT,
                    "text must have 1 to " + MAX_TEXT + " characters");
        }
    }

    /** An image, document, audio or video by https {@code link} (Parley does not fetch it) or uploaded media {@code id}. */
    record Media(String kind, String link, String id, String caption, String filename) implements OutboundContent {
        public String wireType() {
            return "media";
        }

        public String transcript() {
            return "[" + kind + (filename == null ? "" : " " + filename) + "]" + (caption == null ? "" : " " + caption);
        }

        public void validate() {
            required("media.kind", kind);
            MediaKind mediaKind = MediaKind.fromWire(kind)
                    .orElseThrow(() ->
                            ContentChecks.invalid("media.kind", "media.kind must be one of " + MediaKind.wireNames()));
            check("media", (link == null) != (id == null), "media needs exactly one of link and id");
            if (link != null) {
                ContentChecks.httpsUrl("media.link", link, 2000);
            } else {
                check(
                        "media.id",
                        id.matches("[A-Za-z0-9_.:-]{1,128}"),
                        "media.id must be a media id returned by the upload (letters, digits, . _ : -)");
            }
            if (caption != null) {
                check("media.caption", mediaKind != MediaKind.AUDIO, "audio messages cannot have a caption");
                length("media.caption", caption, 1, 1024);
            }
            if (filename != null) {
                check("media.filename", mediaKind == MediaKind.DOCUMENT, "only documents have a filename");
                length("media.filename", filename, 1, 240);
            }
        }
    }

    record Button(String id, String title) {}

    record Row(String id, String title, String description) {}

    record Section(String title, List<Row> rows) {}

    /**
     * Reply buttons ({@code type=button}: 1–3 {@code buttons}), a list ({@code type=list}: a {@code button} label and
     * {@code sections} with at most 10 rows in total) or a link button ({@code type=cta_url}: {@code url},
     * {@code displayText}); all with a {@code body} and optional text {@code header} and {@code footer}.
     */
    record Interactive(
            String type,
            String header,
            String body,
            String footer,
            List<Button> buttons,
            String button,
            List<Section> sections,
            String url,
            String displayText)
            implements OutboundContent {
        public String wireType() {
            return "interactive";
        }

        public String transcript() {
            String action = switch (type) {
                case "button" ->
                    "[buttons: " + buttons.stream().map(Button::title).collect(Collectors.joining(" | ")) + "]";
                case "list" ->
                    "[list " + button + ": "
                            + sections.stream()
                                    .flatMap(s -> s.rows().stream())
                                    .map(Row::title)
                                    .collect(Collectors.joining(" | "))
                            + "]";
                default -> "[link: " + displayText + " " + url + "]";
            };
            return (header == null ? "" : header + "\n") + body + "\n" + action + (footer == null ? "" : "\n" + footer);
        }

        public void validate() {
            required("interactive.type", type);
            length("interactive.body", body, 1, 1024);
            if (header != null) {
                length("interactive.header", header, 1, 60);
            }
            if (footer != null) {
                length("interactive.footer", footer, 1, 60);
            }
            switch (type) {
                case "button" -> validateButtons();
                case "list" -> validateList();
                case "cta_url" -> {
                    ContentChecks.httpsUrl("interactive.url", url, 2000);
                    length("interactive.displayText", displayText, 1, 20);
                }
                default ->
                    throw ContentChecks.invalid("interactive.type", "interactive.type must be button, list or cta_url");
            }
        }

        private void validateButtons() {
            check(
                    "interactive.buttons",
                    buttons != null && !buttons.isEmpty() && buttons.size() <= 3,
                    "interactive.buttons must have 1 to 3 buttons");
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < buttons.size(); i++) {
                String path = "interactive.buttons[" + i + "]";
                check(path, buttons.get(i) != null, path + " is required");
                length(path + ".id", buttons.get(i).id(), 1, 256);
                length(path + ".title", buttons.get(i).title(), 1, 20);
                check(path + ".id", ids.add(buttons.get(i).id()), path + ".id must be unique");
            }
        }

        private void validateList() {
            length("interactive.button", button, 1, 20);
            check(
                    "interactive.sections",
                    sections != null && !sections.isEmpty() && sections.size() <= 10,
                    "interactive.sections must have 1 to 10 sections");
            int rows = 0;
            Set<String> ids = new HashSet<>();
            for (int s = 0; s < sections.size(); s++) {
                String path = "interactive.sections[" + s + "]";
                Section section = sections.get(s);
                check(
                        path,
                        section != null
                                && section.rows() != null
                                && !section.rows().isEmpty(),
                        path + ".rows must not be empty");
                check(
                        path + ".title",
                        sections.size() == 1 || section.title() != null,
                        path + ".title is required when there are several sections");
                if (section.title() != null) {
                    length(path + ".title", section.title(), 1, 24);
                }
                for (int r = 0; r < section.rows().size(); r++) {
                    String rowPath = path + ".rows[" + r + "]";
                    Row row = section.rows().get(r);
                    check(rowPath, row != null, rowPath + " is required");
                    length(rowPath + ".id", row.id(), 1, 200);
                    length(rowPath + ".title", row.title(), 1, 24);
                    if (row.description() != null) {
                        length(rowPath + ".description", row.description(), 1, 72);
                    }
                    check(rowPath + ".id", ids.add(row.id()), rowPath + ".id must be unique");
                    check("interactive.sections", ++rows <= 10, "a list has at most 10 rows across all sections");
                }
            }
        }
    }

    /**
     * A reaction to a message of the conversation: {@code messageId} is our message id or the provider's (wamid);
     * an empty emoji removes the reaction.
     */
    record Reaction(String messageId, String emoji) implements OutboundContent {
        public String wireType() {
            return "reaction";
        }

        public String transcript() {
            return emoji.isEmpty() ? "[reaction removed]" : "[reaction " + emoji + "]";
        }

        public void validate() {
            required("reaction.messageId", messageId);
            check(
                    "reaction.emoji",
                    emoji != null && ContentChecks.graphemes(emoji) <= 1,
                    "reaction.emoji must be one emoji, or empty to remove the reaction");
        }
    }

    record Location(Double latitude, Double longitude, String name, String address) implements OutboundContent {
        public String wireType() {
            return "location";
        }

        public String transcript() {
            return "[location " + latitude + "," + longitude + "]" + (name == null ? "" : " " + name)
                    + (address == null ? "" : ", " + address);
        }

        public void validate() {
            check(
                    "location.latitude",
                    latitude != null && latitude >= -90 && latitude <= 90,
                    "location.latitude must be between -90 and 90");
            check(
                    "location.longitude",
                    longitude != null && longitude >= -180 && longitude <= 180,
                    "location.longitude must be between -180 and 180");
            if (name != null) {
                length("location.name", name, 1, 1000);
            }
            if (address != null) {
                length("location.address", address, 1, 1000);
            }
        }
    }

    /** A template sent as given (body parameters as text); the template registry validates it elsewhere. */
    record Template(String name, String language, List<Object> parameters) implements OutboundContent {
        public String wireType() {
            return "template";
        }

        public String transcript() {
            return "[template " + name + " (" + language + ")]"
                    + (parameters == null || parameters.isEmpty()
                            ? ""
                            : " " + parameters.stream().map(String::valueOf).collect(Collectors.joining(" | ")));
        }

        public void validate() {
            required("template.name", name);
            check(
                    "template.name",
                    name.matches("[a-z0-9_]{1,512}"),
                    "template.name must be lowercase letters, digits and underscores");
            required("template.language", language);
            check(
                    "template.language",
                    language.matches("[a-z]{2,3}(_[A-Za-z]{2,4})?"),
                    "template.language must be a language code such as en or pt_BR");
            List<Object> values = parameters == null ? List.of() : parameters;
            check("template.parameters", values.size() <= 100, "template.parameters has at most 100 values");
            for (int i = 0; i < values.size(); i++) {
                String path = "template.parameters[" + i + "]";
                check(path, values.get(i) instanceof String, path + " must be a string");
                length(path, (String) values.get(i), 1, 1024);
            }
        }
    }
}
