package io.github.gigachat.maven;

import io.github.gigachat.client.ApiException;
import io.github.gigachat.client.GigaChatException;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.TlsException;
import io.github.gigachat.client.TokenOutcome;
import io.github.gigachat.client.TransportException;
import io.github.gigachat.client.UnexpectedResponseException;
import io.github.gigachat.verify.Advice;
import io.github.gigachat.verify.Check;
import io.github.gigachat.verify.Outcome;
import io.github.gigachat.verify.VerifyResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The one place for the words a plugin user reads about what to do: the core reports values, this class names the
 * properties, variables and {@code <server>}s that fix them. Every goal words the token exchange with
 * {@link #forTokenOutcome}, so one OAuth answer reads the same everywhere.
 */
public final class HelpfulSuggestions implements Advice {
    static final String STUDIO = io.github.gigachat.scan.report.ScanWords.STUDIO;

    @Override
    public String forCredentials(String credentialsDescription) {
        return "Put the Authorization Key from " + STUDIO + " (your project, 'Get key') into " + credentialsDescription
                + ".";
    }

    /**
     * What the token exchange said, for people: what is wrong, where the key came from, what to do. For
     * {@link TokenOutcome.Issued} just the scope.
     */
    @Override
    public String forTokenOutcome(TokenOutcome outcome, String credentialsDescription) {
        String where = credentialsDescription;
        if (outcome instanceof TokenOutcome.Issued issued) {
            return "The key from " + where + " works for scope " + issued.scope() + ".";
        }
        if (outcome instanceof TokenOutcome.Malformed malformed) {
            return "GigaChat cannot decode the key from " + where + detail(malformed.cause())
                    + ": it is not an Authorization Key (OAuth code 4). Copy the Authorization Key from " + STUDIO
                    + " (your project, 'Get key'), not the client secret or the client id, into " + where + ".";
        }
        if (outcome instanceof TokenOutcome.Rejected rejected) {
            return "GigaChat does not recognise the key from " + where + detail(rejected.cause())
                    + ": it is unknown or was revoked. Create a new key in " + STUDIO + " and put it into " + where
                    + ".";
        }
        if (outcome instanceof TokenOutcome.WrongScope wrong) {
            return wrongScope(wrong, where);
        }
        GigaChatException cause = ((TokenOutcome.Transient) outcome).cause();
        if (((TokenOutcome.Transient) outcome).certificateRefused()) {
            String proxy = cause instanceof ApiException
                    ? " The TLS proxy in front of the service refused the client certificate (or its absence)."
                    : "";
            return sentence(cause.getMessage()) + proxy + " " + forCertificate(null);
        }
        return "The token exchange could not finish: " + sentence(cause.getMessage())
                + " Nothing is known yet about the credentials from " + where + ". " + retry(cause);
    }

    private static String wrongScope(TokenOutcome.WrongScope wrong, String where) {
        if (wrong.actual().isPresent()) {
            Scope actual = wrong.actual().get();
            return "The key from " + where + " belongs to scope " + actual + " (" + actual.audience() + "), not "
                    + wrong.configured() + " as gigachat.scope says. Set -Dgigachat.scope=" + actual
                    + " (or the environment variable GIGACHAT_SCOPE), or -Dgigachat.scope=auto.";
        }
        if (wrong.configured() != null) {
            return "The key from " + where + " was refused for scope " + wrong.configured() + " (OAuth code 7: it"
                    + " belongs to another scope), and asking the other scopes did not finish, so its own scope is"
                    + " not known yet. Set -Dgigachat.scope=auto to find it, or try again.";
        }
        return "The key from " + where + " is real but was refused for every scope (" + List.of(Scope.values())
                + ", OAuth code 7): its project has no GigaChat API scope. Check the project in " + STUDIO
                + ", or use the key of a GigaChat API project.";
    }

    private static String retry(GigaChatException cause) {
        if (cause instanceof TlsException tls) {
            return forTls(tls);
        }
        if (cause instanceof TransportException transport) {
            return transport.isTimeout()
                    ? "Try again; on a slow network raise -Dgigachat.timeout (seconds, default 30), or check the"
                            + " settings.xml <proxies>."
                    : "Check the network, the settings.xml <proxies> and gigachat.authUrl, then try again.";
        }
        if (cause instanceof ApiException api && api.status() == 404) {
            return "The endpoint was not found: check gigachat.authUrl and gigachat.baseUrl (a user and password are"
                    + " exchanged at {gigachat.baseUrl}/token, which only installations that issue user tokens have).";
        }
        if (cause instanceof ApiException api && api.status() == 429) {
            return "The OAuth endpoint allows 10 token requests per second; try again in a minute.";
        }
        if (cause instanceof UnexpectedResponseException) {
            return "Something other than GigaChat's OAuth endpoint answered: check gigachat.authUrl and the"
                    + " settings.xml <proxies>, then try again.";
        }
        return "Try again later.";
    }

    /** How to trust the server's chain: the CA bundle property, the trust store, and only then insecure. */
    static String forTls(TlsException tls) {
        String trust = tls.isUntrustedChain()
                ? "Put the CA (for GigaChat: the Russian Trusted Root CA) into a PEM file and set"
                        + " -Dgigachat.caBundleFile=/path/to/ca.pem (or the environment variable"
                        + " GIGACHAT_CA_BUNDLE_FILE), or import it into the JDK trust store with keytool."
                : "Check the proxy and the server's TLS settings.";
        return trust + " Only as a last resort: -Dgigachat.insecure=true turns verification off.";
    }

    @Override
    public String forDiscoveredScope(Scope scope) {
        return "Found by gigachat.scope=auto; set -Dgigachat.scope=" + scope + " to skip the discovery.";
    }

    @Override
    public String forProbe() {
        return "Run with -Dgigachat.probe=true: one minimal real call is definitive proof of payment.";
    }

    @Override
    public String forPackage(String service, Scope scope) {
        return "Buy a '" + service + "' package in " + STUDIO + ", billing section"
                + (scope == null ? "" : ", for scope " + scope)
                + "; -Dgigachat.failOnUnpaid=false lets the build pass meanwhile.";
    }

    @Override
    public String minimumBalanceSetting(BigDecimal minimum) {
        return "gigachat.minBalance=" + minimum.toPlainString();
    }

    @Override
    public String forRequiredModels() {
        return "Fix gigachat.requiredModels, or use a key whose scope includes them.";
    }

    @Override
    public String forRefusedAccessToken(String credentialsDescription) {
        String hold = "Access tokens live 30 minutes, and one handed over cannot be renewed: a build should hold the"
                + " Authorization Key (in the variable named by gigachat.credentialsEnv, GIGACHAT_CREDENTIALS by"
                + " default, or in the <password> of the settings.xml <server>) and let the plugin exchange it. ";
        return hold
                + (credentialsDescription.startsWith("the environment variable")
                        ? "Unset " + credentialsDescription + ", which takes precedence over the key."
                        : "Replace the token in " + credentialsDescription + " with the Authorization Key.");
    }

    @Override
    public String forRefusedUser(String credentialsDescription) {
        return "Check the user name and password in " + credentialsDescription + " (for this GigaChat installation's"
                + " /token endpoint, gigachat.baseUrl).";
    }

    @Override
    public String forCertificate(String certificateDescription) {
        return "Put a valid certificate and key, issued for this GigaChat installation, into "
                + (certificateDescription == null ? "GIGACHAT_CERT_FILE and GIGACHAT_KEY_FILE" : certificateDescription)
                + " (PEM certificate and key, or a PKCS#12 file; the passphrase in GIGACHAT_KEY_FILE_PASSWORD or the"
                + " <server>'s <passphrase>).";
    }

    @Override
    public String certificateWarningSetting(java.time.Duration warnWithin) {
        return "gigachat.certificateWarningDays=" + warnWithin.toDays();
    }

    /** The message of a failed build: the outcome, then every other outcome in {@code fatal} (worst first). */
    String forBuildFailure(VerifyResult result, Set<Outcome> fatal) {
        StringBuilder text = new StringBuilder("GigaChat key check: ")
                .append(result.outcome())
                .append('.');
        if (fatal.contains(result.outcome())) {
            text.append(' ').append(result.summary());
        }
        for (Outcome outcome : fatal) {
            if (outcome != result.outcome()) {
                Check check = result.firstFailing(outcome).orElseThrow();
                text.append(" Also ")
                        .append(outcome)
                        .append(" from ")
                        .append(check.name())
                        .append(": ");
                text.append(check.message());
            }
        }
        if (fatal.contains(Outcome.UNKNOWN)) {
            text.append(" -Dgigachat.failOnUnknown=false lets the build pass while the check cannot finish.");
        }
        return text.toString();
    }

    /** The warning for a raised outcome that the configuration tolerates. */
    String forTolerated(VerifyResult result, Outcome outcome) {
        Check check = result.firstFailing(outcome).orElseThrow();
        String override =
                outcome == Outcome.VALID_UNPAID ? "gigachat.failOnUnpaid=false" : "gigachat.failOnUnknown=false";
        return "GigaChat key check: " + outcome + " (" + check.name() + "). " + check.message()
                + " The build goes on because " + override + ".";
    }

    private static String detail(ApiException cause) {
        return cause == null ? "" : " (" + cause.getMessage() + ")";
    }

    private static String sentence(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }
}
