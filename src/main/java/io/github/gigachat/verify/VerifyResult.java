package io.github.gigachat.verify;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Everything the reports and the log show about one verification. Holds no secret: the key appears only as its
 * fingerprint.
 *
 * @param scope the key's scope as found, or null when unknown
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

    /** A result for a check that could not finish: one failing check named {@code check}, outcome UNKNOWN. */
    public static VerifyResult unfinished(
            String check, String message, String credentialsSource, boolean emulated, boolean insecure) {
        return new VerifyResult(
                Outcome.UNKNOWN,
                message,
                null,
                credentialsSource,
                null,
                List.of(Check.fail(check, message)),
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
