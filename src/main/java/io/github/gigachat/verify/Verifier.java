package io.github.gigachat.verify;

import io.github.gigachat.client.ApiException;
import io.github.gigachat.client.AuthorizationKey;
import io.github.gigachat.client.Balance;
import io.github.gigachat.client.Credential;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.GigaChatException;
import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.InvalidKeyException;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.ModelInfo;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.client.TlsException;
import io.github.gigachat.client.TokenOutcome;
import io.github.gigachat.io.Hashes;
import io.github.gigachat.verify.Evidence.BalanceAnswer;
import io.github.gigachat.verify.Evidence.Certificate;
import io.github.gigachat.verify.Evidence.Key;
import io.github.gigachat.verify.Evidence.Models;
import io.github.gigachat.verify.Evidence.Probe;
import io.github.gigachat.verify.Evidence.Token;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs {@code gigachat:verify}: finds out the facts in order (credentials, key format locally, the token exchange,
 * then {@code /models}, {@code /balance} and the optional probe in parallel) and leaves every judgement to
 * {@link VerifyPolicy}.
 */
public final class Verifier {
    private final GigaChatClient client;
    private final SecretMasker masker;
    private final Clock clock;
    private final boolean emulated;
    private final Advice advice;

    public Verifier(GigaChatClient client, SecretMasker masker, Clock clock, boolean emulated, Advice advice) {
        this.client = client;
        this.masker = masker;
        this.clock = clock;
        this.emulated = emulated;
        this.advice = advice;
    }

    public VerifyResult verify(VerifyRequest request) {
        Instant start = clock.instant();
        List<String> warnings = new ArrayList<>();
        Evidence evidence = gather(request, warnings);
        VerifyPolicy.Verdict verdict = VerifyPolicy.decide(request, evidence, advice);
        long durationMs = Duration.between(start, clock.instant()).toMillis();
        Map<String, BigDecimal> balance = evidence.balance() instanceof BalanceAnswer.Read read
                ? read.balance().values()
                : Map.of();
        List<String> models = evidence.models() instanceof Models.Listed listed ? listed.ids() : List.of();
        return new VerifyResult(
                verdict.outcome(),
                masker.mask(verdict.summary()),
                verdict.scope() == null ? null : verdict.scope().wireName(),
                request.credentialsSource(),
                evidence.key().fingerprint(),
                verdict.checks().stream()
                        .map(c -> c.withMessage(masker.mask(c.message())))
                        .toList(),
                balance,
                models,
                durationMs,
                emulated,
                client.config().insecure(),
                warnings.stream().map(masker::mask).toList());
    }

    private Evidence gather(VerifyRequest request, List<String> warnings) {
        Certificate certificate =
                CertificatePolicy.evidence(request.certificate(), request.certificateWarning(), clock.instant());
        Credential credential = request.credential();
        if (credential == null) {
            return new Evidence(new Key.Missing(), certificate, null, null, null, null);
        }
        credential.registerWith(masker);
        AuthorizationKey authorizationKey = null;
        Key key;
        if (credential instanceof Credential.Key found) {
            try {
                KeyFormat.Result format = KeyFormat.check(found.raw());
                authorizationKey = format.key();
                authorizationKey.registerWith(masker);
                for (String warning : format.warnings()) {
                    warnings.add("Key in " + request.credentialsDescription() + ": " + warning);
                }
            } catch (InvalidKeyException e) {
                Key malformed = new Key.Malformed(fingerprintOf(found.raw()), e.getMessage());
                return new Evidence(malformed, certificate, null, null, null, null);
            }
            key = new Key.WellFormed(authorizationKey.fingerprint(), authorizationKey.clientId());
        } else {
            key = otherKey(credential);
            if (request.scope() != null) {
                warnings.add("gigachat.scope=" + request.scope() + " is not checked: only an Authorization Key's scope"
                        + " can be, not that of " + article(credential.kind()) + ".");
            }
        }
        if (certificate != null && !certificate.usable()) {
            return new Evidence(key, certificate, null, null, null, null);
        }
        Token token;
        GigaChatSession session;
        if (authorizationKey != null || credential instanceof Credential.UserPassword) {
            TokenOutcome outcome = authorizationKey != null
                    ? client.exchange(authorizationKey, request.scope())
                    : client.exchange((Credential.UserPassword) credential);
            if (!(outcome instanceof TokenOutcome.Issued issued)) {
                return new Evidence(key, certificate, new Token.Refused(outcome), null, null, null);
            }
            token = new Token.Issued(issued.scope());
            session = authorizationKey != null
                    ? client.session(authorizationKey, issued.scope())
                    : client.session((Credential.UserPassword) credential);
        } else {
            token = new Token.NotExchanged();
            session =
                    credential instanceof Credential.Token given ? client.session(given) : client.sessionWithoutToken();
        }
        boolean renewable = token instanceof Token.Issued;
        boolean certificateAlone = credential instanceof Credential.CertificateOnly;
        ExecutorService pool = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "gigachat-verify");
            thread.setDaemon(true);
            return thread;
        });
        try {
            var models = CompletableFuture.supplyAsync(() -> models(session, renewable, certificateAlone), pool);
            var balance = CompletableFuture.supplyAsync(() -> balance(session), pool);
            var probe = wantsProbe(request)
                    ? CompletableFuture.supplyAsync(() -> probe(session, request.probeModel()), pool)
                    : CompletableFuture.completedFuture(Probe.NOT_RUN);
            return new Evidence(key, certificate, token, models.join(), balance.join(), probe.join());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Key otherKey(Credential credential) {
        if (credential instanceof Credential.Token given) {
            return new Key.GivenToken(given.fingerprint());
        }
        if (credential instanceof Credential.UserPassword user) {
            return new Key.User(user.fingerprint(), user.user());
        }
        return new Key.CertificateOnly(((Credential.CertificateOnly) credential).fingerprint());
    }

    private static String article(String kind) {
        return (kind.startsWith("a") ? "an " : "a ") + kind;
    }

    private static boolean wantsProbe(VerifyRequest request) {
        return request.probe()
                && request.services().stream().anyMatch(s -> s.equalsIgnoreCase(VerifyPolicy.PROBED_SERVICE));
    }

    /**
     * {@code GET /models}; with a credential that cannot be renewed ({@code renewable} false) a 401 in the API's JSON
     * form refuses the credential itself (a certificate alone only when the server asked for it), and a TLS alert
     * about the client certificate always refuses it.
     */
    private Models models(GigaChatSession session, boolean renewable, boolean certificateAlone) {
        try {
            return new Models.Listed(
                    session.models().stream().map(ModelInfo::id).sorted().toList());
        } catch (TlsException e) {
            return e.isClientCertificateRefused()
                    ? new Models.Refused(e.getMessage(), true)
                    : new Models.Unreadable(e.getMessage());
        } catch (ApiException e) {
            if (e.isClientCertificatePage()) {
                return new Models.Refused(
                        e.getMessage() + ": the TLS proxy in front of the API refused the client certificate (or its"
                                + " absence)",
                        true);
            }
            if (certificateAlone && e.status() == 401 && !client.serverAskedForClientCertificate()) {
                return new Models.Unreadable(e.getMessage() + ", and the server never asked for the client certificate,"
                        + " so it judged no credential at all: is the base URL that of the installation that issued"
                        + " the certificate?");
            }
            return !renewable && e.status() == 401 && e.apiMessage().isPresent()
                    ? new Models.Refused(e.getMessage(), false)
                    : new Models.Unreadable(e.getMessage());
        } catch (GigaChatException e) {
            return new Models.Unreadable(e.getMessage());
        }
    }

    private static BalanceAnswer balance(GigaChatSession session) {
        try {
            Balance balance = session.balance();
            return new BalanceAnswer.Read(balance);
        } catch (ApiException e) {
            // only the API's own JSON error body is the API speaking; a proxy's HTML 403 or 402 proves nothing
            boolean fromApi = e.apiMessage().isPresent();
            if (fromApi && e.status() == 403) {
                return new BalanceAnswer.Forbidden(e.getMessage());
            }
            if (fromApi && e.status() == 402) {
                return new BalanceAnswer.PaymentRequired(e.getMessage());
            }
            return new BalanceAnswer.Unreadable(e.getMessage());
        } catch (GigaChatException e) {
            return new BalanceAnswer.Unreadable(e.getMessage());
        }
    }

    private static Probe probe(GigaChatSession session, String model) {
        try {
            session.embed(model, List.of("ping"));
            return Probe.SUCCEEDED;
        } catch (ApiException e) {
            return e.status() == 402 && e.apiMessage().isPresent()
                    ? new Probe.PaymentRequired(e.getMessage())
                    : new Probe.Failed(e.getMessage());
        } catch (GigaChatException e) {
            return new Probe.Failed(e.getMessage());
        }
    }

    /**
     * {@code sha256:<first 12 hex>} of a value as found, trimmed: tells a team which stored credential is wrong. For a
     * well-formed key in canonical form it equals {@link AuthorizationKey#fingerprint()}.
     */
    static String fingerprintOf(String raw) {
        return "sha256:" + Hashes.sha256Hex(raw.strip()).substring(0, 12);
    }
}
