package io.parley.flows.definition;

import java.util.List;

/** Where a step continues: a step id or {@code END}, or the first branch whose condition holds. */
public sealed interface Next permits Next.Goto, Next.Conditional {
    /** The flow's end as a target. */
    String END = "END";

    /** {@code next: <id>} or {@code next: END}. */
    record Goto(String target) implements Next {}

    /** {@code next: [{if, then}..., {else}]}; {@code otherwise} is null when there is no {@code else} (falls through). */
    record Conditional(List<Branch> branches, Target otherwise) implements Next {
        public Conditional {
            branches = List.copyOf(branches);
        }
    }

    /** {@code {if: <condition>, then: <target>}}. */
    record Branch(String condition, Target then) {}

    /** A {@code then}/{@code else}: a step id (or {@code END}), or steps written in place. */
    sealed interface Target permits ToStep, Inline {}

    record ToStep(String id) implements Target {}

    /** Steps run in order; after the last one (unless it says {@code next}) the flow ends. */
    record Inline(List<Step> steps) implements Target {
        public Inline {
            steps = List.copyOf(steps);
        }
    }
}
