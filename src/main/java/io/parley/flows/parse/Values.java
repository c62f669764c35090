package io.parley.flows.parse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * The value rules shared by parsers and conditions: numbers of any Java type compare as {@link BigDecimal} (10 equals
 * 10.0), truthiness, and equality that treats numbers numerically. Never throws.
 */
public final class Values {

    private Values() {}

    /** The number as a BigDecimal, or null if it is not a finite number. */
    public static BigDecimal toDecimal(Object value) {
        return switch (value) {
            case BigDecimal decimal -> decimal;
            case BigInteger integer -> new BigDecimal(integer);
            case Long number -> BigDecimal.valueOf(number);
            case Integer number -> BigDecimal.valueOf(number);
            case Short number -> BigDecimal.valueOf(number);
            case Byte number -> BigDecimal.valueOf(number);
            case Double number -> Double.isFinite(number) ? new BigDecimal(Double.toString(number)) : null;
            case Float number -> Float.isFinite(number) ? new BigDecimal(Float.toString(number)) : null;
            case null, default -> null;
        };
    }

    /** null and false are false; numbers are true unless zero; texts, lists and maps unless empty; others true. */
    public static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean flag -> flag;
            case String text -> !text.isEmpty();
            case Collection<?> collection -> !collection.isEmpty();
            case Map<?, ?> map -> !map.isEmpty();
            default -> {
                BigDecimal number = toDecimal(value);
                yield number == null || number.signum() != 0;
            }
        };
    }

    /** Equality with numbers compared by value; null equals nothing (conditions' rule). */
    public static boolean same(Object left, Object right) {
        if (left == null || right == null) {
            return false;
        }
        BigDecimal a = toDecimal(left);
        BigDecimal b = toDecimal(right);
        if (a != null || b != null) {
            return a != null && b != null && a.compareTo(b) == 0;
        }
        return Objects.equals(left, right);
    }
}
