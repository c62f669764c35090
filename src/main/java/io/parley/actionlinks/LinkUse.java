package io.parley.actionlinks;

import java.util.Objects;

/** The result of using a token: refused (unknown, expired, used up), or the purpose's outcome. */
public sealed interface LinkUse {

    record Refused(TokenRefusal refusal) implements LinkUse {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    record Acted(ActionLink link, ActionOutcome outcome) implements LinkUse {
        public Acted {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
