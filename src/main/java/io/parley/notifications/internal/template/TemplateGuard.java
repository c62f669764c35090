package io.parley.notifications.internal.template;

import io.parley.platform.InvalidRequestException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a tenant's template may ask of Thymeleaf: expressions that read variables and compare them, and conditionals.
 * Refused: method calls, utility objects ({@code #strings}…), loops, fragments and preprocessing ({@code __…__}),
 * which could run Java, loop a billion times, build a huge string or turn a variable's value (event data) into an
 * expression.
 */
final class TemplateGuard {
    private static final Pattern EXPRESSION = Pattern.compile("[$*]\\{([^}]*)}");
    private static final Pattern FORBIDDEN_ATTRIBUTE =
            Pattern.compile("th:(each|insert|replace|include|fragment|with|object)\\b|~\\{|__\\s*[$*#@~]\\{");

    private TemplateGuard() {}

    static void check(String source) {
        if (FORBIDDEN_ATTRIBUTE.matcher(source).find()) {
            throw refused("loops, fragments, th:with/th:object and __…__ preprocessing are not allowed");
        }
        Matcher expression = EXPRESSION.matcher(source);
        while (expression.find()) {
            String body = expression.group(1);
            if (body.indexOf('(') >= 0 || body.indexOf('#') >= 0 || body.indexOf('@') >= 0) {
                throw refused("expressions read and compare variables; method calls, #utilities and @beans are not"
                        + " allowed");
            }
        }
    }

    private static InvalidRequestException refused(String why) {
        return new InvalidRequestException("invalid_notification_template", "The template cannot be used: " + why);
    }
}
