package io.parley.tools.internal;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import io.parley.platform.BoundedRegex;
import java.util.regex.Pattern;

/**
 * JSON Schema {@code pattern}s (and {@code patternProperties}) matched by the JDK engine with a budget. A tool's
 * schema comes from a tenant's server and its arguments from the model, so a pattern like {@code ^(a+)+$} on a
 * long value would backtrack for minutes on a request thread, so matching runs through {@link BoundedRegex}; an
 * exhausted budget is {@link PatternBudgetExceeded}, which {@link ArgumentValidator} reports as an invalid argument.
 */
final class BudgetedPatterns implements RegularExpressionFactory {
    /** Reads any text may take; generous for a linear pattern, tiny next to exponential backtracking. */
    static final long MIN_STEPS = 1_000_000;
    /** Reads per character of the text, for long values checked by sane patterns. */
    static final long STEPS_PER_CHAR = 200;

    @Override
    public RegularExpression getRegularExpression(String regex) {
        // The same ECMA-262 → java.util.regex translation the library's own JDK factory applies.
        Pattern pattern = Pattern.compile(
                RegularExpressions.replaceLongformCharacterProperties(RegularExpressions.replaceDollarAnchors(regex)));
        return text -> BoundedRegex.find(pattern, text, Math.max(MIN_STEPS, STEPS_PER_CHAR * text.length()))
                .orElseThrow(() -> new PatternBudgetExceeded(regex));
    }

    /** The budget ran out before the pattern decided; names the pattern (from the tool's schema), not the value. */
    static final class PatternBudgetExceeded extends RuntimeException {
        private final String pattern;

        PatternBudgetExceeded(String pattern) {
            super("pattern check exceeded its budget", null, false, false);
            this.pattern = pattern;
        }

        String pattern() {
            return pattern;
        }
    }
}
