package io.github.gigachat.verify;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the reports and the log show about one verification. Holds no secret: the key appears only as its
 * fingerprint.
 *
 * @param scope the key's scope as found, or null when unknown
 * @param keyFingerprint {@code sha256:<12 hex>} of the key as found (a malformed one too), or null when none was
 *     found
 * @param summary one sentence for the log and the reports: what is wrong and what to do
 */
public record VerifyResult(
        Outcome outcome,
        String summary,
        String scope,
        String credentialsSource,
        String keyFingerprint,
        List<Check> checks,
        Map<String, BigDecimal> balance,
        List<String> models,
        long durationMs,
        boolean emulated,
        boolean insecure,
        List<String> warnings) {

    public VerifyResult {
        checks = List.copyOf(checks);
        balance = Map.copyOf(balance);
        models = List.copyOf(models);
        warnings = List.copyOf(warnings);
    }

    /**
     * Every outcome that a failing check raised, worst first. The one-word {@link #outcome()} is the worst of them; the
     * others are here so that tolerating one (say {@code VALID_UNPAID}) never hides another.
     */
    public Set<Outcome> raised() {
        Set<Outcome> raised = new LinkedHashSet<>();
        for (Outcome failure : List.of(Outcome.INVALID, Outcome.VALID_UNPAID, Outcome.UNKNOWN)) {
            if (firstFailing(failure).isPresent()) {
                raised.add(failure);
            }
        }
        return raised;
    }

    /**
     * The raised outcomes that fail the build, worst first: {@code INVALID} always, {@code VALID_UNPAID} and {@code UNKNOWN} unless
     * tolerated.
     */
    public Set<Outcome> fatal(boolean failOnUnpaid, boolean failOnUnknown) {
        Set<Outcome> fatal = raised();
        if (!failOnUnpaid) {
            fatal.remove(Outcome.VALID_UNPAID);
        }
        if (!failOnUnknown) {
            fatal.remove(Outcome.UNKNOWN);
        }
        return fatal;
    }

    /** The first failing check that raised {@code outcome}. */
    public Optional<Check> firstFailing(Outcome outcome) {
        return checks.stream()
                .filter(c -> c.status() == Check.Status.FAIL && c.raises() == outcome)
                .findFirst();
    }

    /** A result for a check that could not finish: one failing check named {@code check}, outcome UNKNOWN. */
    public static VerifyResult unfinished(
            String check, String message, String credentialsSource, boolean emulated, boolean insecure) {
        return new VerifyResult(
                Outcome.UNKNOWN,
                message,
                null,
                credentialsSource,
                null,
                List.of(Check.fail(check, Outcome.UNKNOWN, message)),
                Map.of(),
                List.of(),
                0,
                emulated,
                insecure,
                List.of());
    }

    /** A result for a verification that did not run at all ({@code gigachat.skip} or offline). */
    public static VerifyResult skipped(String reason, boolean emulated) {
        return new VerifyResult(
                Outcome.SKIPPED,
                reason,
                null,
                null,
                null,
                List.of(Check.skip("verify", reason)),
                Map.of(),
                List.of(),
                0,
                emulated,
                false,
                List.of());
    }
}
