package io.github.gigachat.client;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a server refusing the client's certificate (or the lack of one) in a failed TLS exchange, and words it.
 *
 * <p>Only a server judges client certificates, so a fatal alert about a certificate that the server sent ("Received
 * fatal alert: ...", the JDK's words) is a fact about this client's credential. Alerts about the server's own chain are
 * raised by this client and never read "Received". {@code handshake_failure} is left out: it also means "no common
 * cipher", which proves nothing about the certificate.
 */
final class ClientCertificateAlerts {
    private static final Pattern RECEIVED = Pattern.compile("received fatal alert: ([a-z_]+)");
    private static final Set<String> ABOUT_THE_CLIENT_CERTIFICATE = Set.of(
            "certificate_required",
            "bad_certificate",
            "unknown_ca",
            "certificate_unknown",
            "certificate_expired",
            "certificate_revoked",
            "unsupported_certificate",
            "access_denied");

    private ClientCertificateAlerts() {}

    /** The alert's name when {@code failure} (or a cause) is the server refusing the client's certificate, else null. */
    static String refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            Matcher matcher = RECEIVED.matcher(message.toLowerCase(Locale.ROOT));
            if (matcher.find() && ABOUT_THE_CLIENT_CERTIFICATE.contains(matcher.group(1))) {
                return matcher.group(1);
            }
        }
        return null;
    }

    /** What happened and what to do; names the certificate by subject, fingerprint and file, never its key. */
    static String describe(String host, String alert, ClientCertificate presented) {
        if (presented == null) {
            return "The TLS server " + host + " requires a client certificate (fatal alert " + alert + ") and none was"
                    + " presented. This GigaChat installation authenticates with mutual TLS: set GIGACHAT_CERT_FILE and"
                    + " GIGACHAT_KEY_FILE to the certificate and key it issued you.";
        }
        String why =
                switch (alert) {
                    case "unknown_ca" -> "it does not trust the CA that issued the certificate";
                    case "certificate_expired" -> "it considers the certificate expired";
                    case "certificate_revoked" -> "the certificate was revoked";
                    case "certificate_required" -> "it received no certificate it could use";
                    default -> "it does not accept the certificate";
                };
        return "The TLS server " + host + " refused the client certificate " + presented.subject() + " ("
                + presented.fingerprint() + ", from " + presented.certificateFile() + ") with the fatal alert " + alert
                + ": " + why
                + ". Use the certificate issued for this GigaChat installation, and check that the base URL"
                + " points at the installation that issued it.";
    }
}
