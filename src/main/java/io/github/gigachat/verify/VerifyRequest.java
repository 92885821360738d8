package io.github.gigachat.verify;

import io.github.gigachat.client.CertificateSetting;
import io.github.gigachat.client.Credential;
import io.github.gigachat.client.Scope;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to verify: the credential as found (not yet checked), the client certificate if one is configured, the scope
 * policy and the paid-status policy.
 *
 * @param credential the credential that authorises the calls; null when none was found
 * @param missingCredentialsHelp what to tell the user when none was found
 * @param certificate the client certificate presented in TLS handshakes; null when none is configured
 * @param certificateWarning a certificate that expires within this gives a {@code WARN} check
 * @param scope the configured scope, or null for {@code auto}
 */
public record VerifyRequest(
        Credential credential,
        String missingCredentialsHelp,
        CertificateSetting certificate,
        Duration certificateWarning,
        Scope scope,
        List<String> requiredModels,
        List<String> services,
        BigDecimal minBalance,
        boolean probe,
        String probeModel) {

    /** A certificate that expires within this many days gives a {@code WARN} check, unless configured otherwise. */
    public static final Duration DEFAULT_CERTIFICATE_WARNING = Duration.ofDays(30);

    public VerifyRequest {
        requiredModels = List.copyOf(requiredModels);
        services = List.copyOf(services);
        Objects.requireNonNull(certificateWarning, "certificateWarning");
        Objects.requireNonNull(minBalance, "minBalance");
        Objects.requireNonNull(probeModel, "probeModel");
    }

    /**
     * A request for an Authorization Key, without a client certificate; no credential when {@code credentialsSource}
     * is null.
     */
    public static VerifyRequest forKey(
            String credentialsSource,
            String credentialsDescription,
            String rawKey,
            String missingCredentialsHelp,
            Scope scope,
            List<String> requiredModels,
            List<String> services,
            BigDecimal minBalance,
            boolean probe,
            String probeModel) {
        Credential key = credentialsSource == null
                ? null
                : new Credential.Key(credentialsSource, credentialsDescription, rawKey == null ? "" : rawKey);
        return new VerifyRequest(
                key,
                missingCredentialsHelp,
                null,
                DEFAULT_CERTIFICATE_WARNING,
                scope,
                requiredModels,
                services,
                minBalance,
                probe,
                probeModel);
    }

    /** Where the credential came from, e.g. {@code env:GIGACHAT_CREDENTIALS}; null when none was found. */
    public String credentialsSource() {
        return credential == null ? null : credential.source();
    }

    /** The same for people, e.g. "the environment variable GIGACHAT_CREDENTIALS"; null when none was found. */
    public String credentialsDescription() {
        return credential == null ? null : credential.description();
    }

    @Override
    public String toString() {
        // the credential prints its kind and source only
        return "VerifyRequest[credential=" + credential + ", certificate="
                + (certificate == null ? "none" : certificate.source()) + ", certificateWarning=" + certificateWarning
                + ", scope=" + (scope == null ? "auto" : scope)
                + ", requiredModels=" + requiredModels + ", services=" + services + ", minBalance=" + minBalance
                + ", probe=" + probe + ", probeModel=" + probeModel + "]";
    }
}
