package io.parley.notifications.internal.template;

import io.parley.notifications.RenderedNotification;
import io.parley.notifications.StaffChannel;
import io.parley.platform.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Renders a template's part for one staff channel. Text fields are Thymeleaf TEXT mode with every value escaped by
 * the channel ({@link StaffChannel#escape}: MarkdownV2 for a chat that needs it); {@code html} is HTML mode with the
 * raw values, which Thymeleaf escapes itself (unescaped output, {@code th:utext} or {@code [(…)]}, is refused in
 * HTML). Only the declared variables reach the template, as strings: the engine has no application context, so an
 * expression cannot reach a Spring bean; Thymeleaf 3.1 refuses static types ({@code T(java.lang.Runtime)}) and object
 * creation; {@link TemplateGuard} refuses method calls, utility objects, loops and preprocessing.
 *
 * <p>A missing declared variable is an error naming every missing one; extra variables are ignored.
 */
public final class TemplateRenderer {
    private final TemplateEngine text = engine(TemplateMode.TEXT);
    private final TemplateEngine html = engine(TemplateMode.HTML);

    /** Renders {@code template} for {@code channel}; empty parts of a channel without a part are a 400. */
    public RenderedNotification render(NotificationTemplate template, StaffChannel channel, Map<String, ?> given) {
        Map<String, String> part = template.partFor(channel.name());
        if (part == null) {
            throw new InvalidRequestException(
                    "template_has_no_part",
                    "Template '" + template.name() + "' has no part for channel " + channel.name(),
                    Map.of("template", template.name(), "channel", channel.name()));
        }
        Map<String, String> values = declared(template, given);
        Map<String, String> escaped = new LinkedHashMap<>();
        values.forEach((k, v) -> escaped.put(k, channel.escape(v)));
        return new RenderedNotification(
                field(part, "subject", values, false),
                field(part, "text", escaped, false),
                field(part, "html", values, true),
                field(part, "title", escaped, false),
                field(part, "body", escaped, false),
                field(part, "icon", values, false),
                field(part, "badge", values, false),
                field(part, "url", values, false));
    }

    /** Checks every part's source by rendering it with the sample values; a 400 naming the part when one fails. */
    public void check(NotificationTemplate template) {
        template.checkShape();
        Map<String, String> sample = template.sampleValues();
        template.parts()
                .forEach((channel, fields) -> fields.forEach((field, source) -> {
                    if (field.equals("html") && (source.contains("th:utext") || source.contains("[("))) {
                        throw new InvalidRequestException(
                                "invalid_notification_template",
                                "HTML parts escape every value: th:utext and [(…)] are not allowed",
                                Map.of("field", "parts." + channel + ".html"));
                    }
                    try {
                        process(field.equals("html") ? html : text, source, sample);
                    } catch (InvalidRequestException e) {
                        throw new InvalidRequestException(
                                "invalid_notification_template", e.getMessage(), Map.of("field", "parts." + channel));
                    }
                }));
    }

    private static Map<String, String> declared(NotificationTemplate template, Map<String, ?> given) {
        List<String> missing = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : template.variables()) {
            Object value = given == null ? null : given.get(name);
            if (value == null) {
                missing.add(name);
            } else {
                values.put(name, String.valueOf(value));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException(
                    "template_variables_missing",
                    "Template '" + template.name() + "' needs " + String.join(", ", missing),
                    Map.of("template", template.name(), "missing", missing));
        }
        return values;
    }

    private String field(Map<String, String> part, String name, Map<String, String> values, boolean isHtml) {
        String source = part.get(name);
        return source == null ? null : process(isHtml ? html : text, source, values);
    }

    private String process(TemplateEngine engine, String source, Map<String, String> values) {
        TemplateGuard.check(source);
        if (engine == text) {
            // Thymeleaf's TEXT mode HTML-escapes [[…]] and th:text; text values are escaped for their channel
            // already, so text parts print them as they are.
            source = source.replace("[[", "[(").replace("]]", ")]").replace("th:text=", "th:utext=");
        }
        Context context = new Context(Locale.ROOT);
        values.forEach(context::setVariable);
        try {
            return engine.process(source, context);
        } catch (TemplateProcessingException e) {
            // The message names the template's expression, never a value.
            throw new InvalidRequestException(
                    "invalid_notification_template", "The template cannot be rendered: " + reason(e));
        }
    }

    private static String reason(TemplateProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    private static TemplateEngine engine(TemplateMode mode) {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(mode);
        resolver.setCacheable(false);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setEnableSpringELCompiler(false);
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
