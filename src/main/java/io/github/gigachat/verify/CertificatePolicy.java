package io.github.gigachat.verify;

import io.github.gigachat.client.CertificateSetting;
import io.github.gigachat.client.ClientCertificate;
import io.github.gigachat.verify.Evidence.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Judges the configured client certificate by what can be known before any network call. Pure.
 *
 * <table>
 *   <caption>client-certificate</caption>
 *   <tr><th>found</th><th>check</th><th>raises</th></tr>
 *   <tr><td>none configured</td><td>none</td><td>-</td></tr>
 *   <tr><td>unreadable, wrong passphrase, key not matching</td><td>FAIL</td><td>INVALID</td></tr>
 *   <tr><td>expired, or not yet valid</td><td>FAIL</td><td>INVALID</td></tr>
 *   <tr><td>expires within the warning window</td><td>WARN</td><td>-</td></tr>
 *   <tr><td>valid beyond it</td><td>PASS</td><td>-</td></tr>
 * </table>
 *
 * The server refusing a certificate that passed here is judged with the call it refused (see {@link VerifyPolicy}).
 */
public final class CertificatePolicy {
    static final String CHECK = "client-certificate";

    private CertificatePolicy() {}

    /**
     * The {@code client-certificate} check of a configured certificate at {@code now}, for goals that judge it outside
     * {@code verify} (a FAIL stops them before any request; a WARN is worth a warning).
     */
    public static Check judge(CertificateSetting setting, Duration warnWithin, Instant now, Advice advice) {
        return check(evidence(setting, warnWithin, now), setting.description(), warnWithin, advice);
    }

    /** What the configured certificate is at {@code now}, as evidence; null when none is configured. */
    static Certificate evidence(CertificateSetting setting, Duration warnWithin, Instant now) {
        if (setting == null) {
            return null;
        }
        if (setting instanceof CertificateSetting.Unusable unusable) {
            return new Certificate.Unusable(unusable.problem());
        }
        ClientCertificate certificate = ((CertificateSetting.Loaded) setting).certificate();
        return new Certificate.Loaded(
                String.valueOf(certificate.certificateFile()),
                certificate.subject(),
                certificate.fingerprint(),
                certificate.notBefore(),
                certificate.notAfter(),
                certificate.state(now, warnWithin),
                certificate.daysLeft(now));
    }

    static Check check(Certificate certificate, String where, Duration warnWithin, Advice advice) {
        if (certificate instanceof Certificate.Unusable unusable) {
            return Check.fail(CHECK, Outcome.INVALID, unusable.problem() + " " + advice.forCertificate(where));
        }
        Certificate.Loaded loaded = (Certificate.Loaded) certificate;
        String which =
                "The client certificate " + loaded.subject() + " (" + loaded.fingerprint() + ") in " + loaded.file();
        String dates = " (valid from " + day(loaded.notBefore()) + " to " + day(loaded.notAfter()) + ")";
        return switch (loaded.state()) {
            case EXPIRED ->
                Check.fail(
                        CHECK,
                        Outcome.INVALID,
                        which + " expired on " + day(loaded.notAfter()) + dates + ". " + advice.forCertificate(where));
            case NOT_YET_VALID ->
                Check.fail(
                        CHECK,
                        Outcome.INVALID,
                        which + " is not valid before " + day(loaded.notBefore()) + dates + ". "
                                + advice.forCertificate(where));
            case EXPIRES_SOON ->
                Check.warn(
                        CHECK,
                        which + " expires on " + day(loaded.notAfter()) + ", in " + loaded.daysLeft() + " day"
                                + (loaded.daysLeft() == 1 ? "" : "s") + " (warning from "
                                + advice.certificateWarningSetting(warnWithin)
                                + "): renew it before then.");
            case VALID -> Check.pass(CHECK, which + " is valid until " + day(loaded.notAfter()) + ".");
        };
    }

    /** The date of an instant in UTC, ISO form. */
    static String day(Instant instant) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(
                instant.atZone(ZoneOffset.UTC).toLocalDate());
    }
}
