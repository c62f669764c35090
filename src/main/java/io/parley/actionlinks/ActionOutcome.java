package io.parley.actionlinks;

import java.util.Objects;

/**
 * What a purpose did with a link it was handed: {@link Redirect} (303 to {@code url}, e.g. Stripe Checkout) and
 * {@link Done} (a page with {@code message}) keep the use; {@link Failed} (409 page or problem with {@code code}) and
 * {@link Later} (503 with Retry-After: "try again in a moment") give the use back: the consuming transaction is
 * rolled back, with anything the purpose wrote in it.
 */
public sealed interface ActionOutcome {

    /** Whether the link's use stands; false rolls back the consumption. */
    boolean keepsUse();

    record Redirect(String url) implements ActionOutcome {
        public Redirect {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public boolean keepsUse() {
            return true;
        }
    }

    record Done(String message) implements ActionOutcome {
        public Done {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean keepsUse() {
            return true;
        }
    }

    /** The action cannot be done ({@code code} is a problem code listed in ProblemCodes); nothing is kept. */
    record Failed(String code, String message) implements ActionOutcome {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean keepsUse() {
            return false;
        }
    }

    /** The action cannot be done yet (what it needs is being prepared); the customer tries the link again. */
    record Later(String code, String message) implements ActionOutcome {
        public Later {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean keepsUse() {
            return false;
        }
    }
}
