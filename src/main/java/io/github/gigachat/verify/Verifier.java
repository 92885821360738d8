package io.github.gigachat.verify;

import io.github.gigachat.client.ApiException;
import io.github.gigachat.client.AuthorizationKey;
import io.github.gigachat.client.Balance;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.GigaChatException;
import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.InvalidKeyException;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.ModelInfo;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.client.TokenOutcome;
import io.github.gigachat.io.Hashes;
import io.github.gigachat.verify.Evidence.BalanceAnswer;
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
                fingerprint(evidence.key()),
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
        String raw = request.rawKey();
        if (raw == null) {
            return new Evidence(new Key.Missing(), null, null, null, null);
        }
        masker.add(raw.strip());
        AuthorizationKey key;
        try {
            KeyFormat.Result format = KeyFormat.check(raw);
            key = format.key();
            key.registerWith(masker);
            for (String warning : format.warnings()) {
                warnings.add("Key in " + request.credentialsDescription() + ": " + warning);
            }
        } catch (InvalidKeyException e) {
            return new Evidence(new Key.Malformed(fingerprintOf(raw), e.getMessage()), null, null, null, null);
        }
        Key wellFormed = new Key.WellFormed(key.fingerprint(), key.clientId());
        TokenOutcome outcome = client.exchange(key, request.scope());
        if (!(outcome instanceof TokenOutcome.Issued issued)) {
            return new Evidence(wellFormed, new Token.Refused(outcome), null, null, null);
        }
        GigaChatSession session = client.session(key, issued.scope());
        ExecutorService pool = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "gigachat-verify");
            thread.setDaemon(true);
            return thread;
        });
        try {
            var models = CompletableFuture.supplyAsync(() -> models(session), pool);
            var balance = CompletableFuture.supplyAsync(() -> balance(session), pool);
            var probe = wantsProbe(request)
                    ? CompletableFuture.supplyAsync(() -> probe(session, request.probeModel()), pool)
                    : CompletableFuture.completedFuture(Probe.NOT_RUN);
            return new Evidence(
                    wellFormed, new Token.Issued(issued.scope()), models.join(), balance.join(), probe.join());
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean wantsProbe(VerifyRequest request) {
        return request.probe()
                && request.services().stream().anyMatch(s -> s.equalsIgnoreCase(VerifyPolicy.PROBED_SERVICE));
    }

    private static Models models(GigaChatSession session) {
        try {
            return new Models.Listed(
                    session.models().stream().map(ModelInfo::id).sorted().toList());
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

    private static String fingerprint(Key key) {
        if (key instanceof Key.WellFormed good) {
            return good.fingerprint();
        }
        return key instanceof Key.Malformed bad ? bad.fingerprint() : null;
    }

    /**
     * {@code sha256:<first 12 hex>} of a value as found, trimmed: tells a team which stored credential is wrong. For a
     * well-formed key in canonical form it equals {@link AuthorizationKey#fingerprint()}.
     */
    static String fingerprintOf(String raw) {
        return "sha256:" + Hashes.sha256Hex(raw.strip()).substring(0, 12);
    }
}
