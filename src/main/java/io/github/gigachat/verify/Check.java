package io.github.gigachat.verify;

import java.util.Set;

/**
 * One line of the verification: a named check, its status, a message for people, and the outcome it raises.
 *
 * @param raises for a {@code FAIL}: {@code INVALID}, {@code VALID_UNPAID} or {@code UNKNOWN}; for a {@code WARN}:
 *     {@code VALID_POSTPAID} or null; for {@code PASS} and {@code SKIP}: null
 */
public record Check(String name, Status status, String message, Outcome raises) {
    private static final Set<Outcome> FAILURES = Set.of(Outcome.INVALID, Outcome.VALID_UNPAID, Outcome.UNKNOWN);

    /** The status of one check; the names appear in the reports. */
    public enum Status {
        PASS,
        FAIL,
        WARN,
        SKIP
    }

    public Check {
        boolean consistent =
                switch (status) {
                    case FAIL -> raises != null && FAILURES.contains(raises);
                    case WARN -> raises == null || raises == Outcome.VALID_POSTPAID;
                    case PASS, SKIP -> raises == null;
                };
        if (!consistent) {
            throw new IllegalArgumentException("a " + status + " check cannot raise " + raises);
        }
    }

    static Check pass(String name, String message) {
        return new Check(name, Status.PASS, message, null);
    }

    static Check fail(String name, Outcome raises, String message) {
        return new Check(name, Status.FAIL, message, raises);
    }

    static Check warn(String name, String message) {
        return new Check(name, Status.WARN, message, null);
    }

    static Check skip(String name, String message) {
        return new Check(name, Status.SKIP, message, null);
    }

    Check withMessage(String replacement) {
        return new Check(name, status, replacement, raises);
    }
}
