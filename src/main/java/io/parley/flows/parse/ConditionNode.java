package io.parley.flows.parse;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The syntax tree of a condition. Every node evaluates to a value over the context (missing paths are null) and never
 * throws; {@link Values#truthy} turns a value into the condition's answer.
 */
sealed interface ConditionNode {

    Object evaluate(Map<String, Object> context);

    record Literal(Object value) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            return value;
        }
    }

    /** {@code answers.budget.amount_minor}; segments after the root are map keys or list indexes. */
    record Path(List<String> segments) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            return ContextPaths.resolve(context, segments);
        }

        String text() {
            return String.join(".", segments);
        }
    }

    /** {@code x.size} or {@code size(x)}: elements of a list, entries of a map, characters of a text; else null. */
    record Size(ConditionNode of) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            return switch (of.evaluate(context)) {
                case Collection<?> collection -> BigDecimal.valueOf(collection.size());
                case Map<?, ?> map -> BigDecimal.valueOf(map.size());
                case String text -> BigDecimal.valueOf(text.codePointCount(0, text.length()));
                case null, default -> null;
            };
        }
    }

    /** {@code lower(x)}: a text in lower case; a list of texts each lowered; anything else unchanged. */
    record Lower(ConditionNode of) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            Object value = of.evaluate(context);
            if (value instanceof String text) {
                return text.toLowerCase(Locale.ROOT);
            }
            if (value instanceof List<?> list) {
                return list.stream()
                        .map(item -> item instanceof String text ? text.toLowerCase(Locale.ROOT) : item)
                        .toList();
            }
            return value;
        }
    }

    record ListOf(List<ConditionNode> items) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            return items.stream().map(item -> item.evaluate(context)).toList();
        }
    }

    record Not(ConditionNode of) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            return !Values.truthy(of.evaluate(context));
        }
    }

    record Exists(ConditionNode of) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            return of.evaluate(context) != null;
        }
    }

    record And(ConditionNode left, ConditionNode right) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            return Values.truthy(left.evaluate(context)) && Values.truthy(right.evaluate(context));
        }
    }

    record Or(ConditionNode left, ConditionNode right) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            return Values.truthy(left.evaluate(context)) || Values.truthy(right.evaluate(context));
        }
    }

    /** {@code x in [..]} (a list), a key of a map (with a value), or a text containing x; null on either side is false. */
    record In(ConditionNode item, ConditionNode container) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            Object value = item.evaluate(context);
            return switch (container.evaluate(context)) {
                case null -> false;
                case Collection<?> collection -> collection.stream().anyMatch(element -> Values.same(value, element));
                case Map<?, ?> map -> value instanceof String key && ContextPaths.safeGet(map, key) != null;
                case String text -> value instanceof String part && text.contains(part);
                default -> false;
            };
        }
    }

    /**
     * {@code == != < <= > >=}. Numbers compare as BigDecimal, texts case-sensitively ({@code <} and {@code >} on texts
     * are lexicographic, which orders ISO dates), booleans only by equality. A null side makes every comparison false,
     * except {@code != null}, which is true for any present value.
     */
    record Compare(String op, ConditionNode left, ConditionNode right) implements ConditionNode {
        public Object evaluate(Map<String, Object> context) {
            Object a = left.evaluate(context);
            Object b = right.evaluate(context);
            if (op.equals("!=") && right instanceof Literal literal && literal.value() == null) {
                return a != null;
            }
            if (a == null || b == null) {
                return false;
            }
            return switch (op) {
                case "==" -> Values.same(a, b);
                case "!=" -> !Values.same(a, b);
                default -> order(a, b);
            };
        }

        private boolean order(Object a, Object b) {
            Integer sign = null;
            BigDecimal x = Values.toDecimal(a);
            BigDecimal y = Values.toDecimal(b);
            if (x != null && y != null) {
                sign = x.compareTo(y);
            } else if (a instanceof String s && b instanceof String t) {
                sign = s.compareTo(t);
            }
            if (sign == null) {
                return false;
            }
            return switch (op) {
                case "<" -> sign < 0;
                case "<=" -> sign <= 0;
                case ">" -> sign > 0;
                default -> sign >= 0;
            };
        }
    }
}
