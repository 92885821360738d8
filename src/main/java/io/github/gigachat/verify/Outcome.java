package io.github.gigachat.verify;

/** The one-word answer of {@code gigachat:verify}; the names are part of the plugin's public contract. */
public enum Outcome {
    /** The key works and every required service is paid (enough balance, or a successful probe). */
    VALID_PAID(1),
    /** The key works; the balance is not readable (pay-as-you-go) and no probe said otherwise. */
    VALID_POSTPAID(2),
    /** The key works but a required service has too little balance or answered 402. */
    VALID_UNPAID(4),
    /** The key is malformed, unknown, revoked, of another scope, or lacks a required model. */
    INVALID(5),
    /** The check could not finish: network, TLS, timeout, 429, 5xx or an unexpected answer. */
    UNKNOWN(3),
    /** Skipped ({@code gigachat.skip}) or offline. */
    SKIPPED(0);

    /** Severity when combining the results of several checks: the higher wins. */
    private final int severity;

    Outcome(int severity) {
        this.severity = severity;
    }

    /** The more severe of the two: INVALID over VALID_UNPAID over UNKNOWN over VALID_POSTPAID over VALID_PAID. */
    public Outcome worst(Outcome other) {
        return other.severity > severity ? other : this;
    }

    public boolean isValid() {
        return this == VALID_PAID || this == VALID_POSTPAID || this == VALID_UNPAID;
    }
}
