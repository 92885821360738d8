package io.github.gigachat.verify;

import io.github.gigachat.client.AccessToken;
import io.github.gigachat.client.ApiException;
import io.github.gigachat.client.AuthorizationKey;
import io.github.gigachat.client.Balance;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.GigaChatException;
import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.InvalidKeyException;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.ModelInfo;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the checks of {@code gigachat:verify} in order: credentials found, key format (locally), token exchange (with
 * scope discovery), then {@code /models}, {@code /balance} and the optional probes in parallel. Turns every answer into
 * checks and one {@link Outcome}; anything not clearly a success is {@link Outcome#UNKNOWN}, never a {@code VALID_*}.
 */
public final class Verifier {
    private final GigaChatClient client;
    private final SecretMasker masker;
    private final Clock clock;
    private final boolean emulated;

    public Verifier(GigaChatClient client, SecretMasker masker, Clock clock, boolean emulated) {
        this.client = client;
        this.masker = masker;
        this.clock = clock;
        this.emulated = emulated;
    }

    public VerifyResult verify(VerifyRequest request) {
        Instant start = clock.instant();
        Run run = new Run(request);
        run.execute();
        long duration = Duration.between(start, clock.instant()).toMillis();
        return run.result(duration);
    }

    /** The state of one verification. */
    private final class Run {
        private final VerifyRequest request;
        private final List<Check> checks = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, BigDecimal> balance = new LinkedHashMap<>();
        private final List<String> models = new ArrayList<>();
        private Outcome outcome = Outcome.VALID_PAID;
        private String summary;
        private AuthorizationKey key;
        private Scope scope;

        Run(VerifyRequest request) {
            this.request = request;
        }

        void execute() {
            if (!checkCredentials() || !checkKeyFormat()) {
                return;
            }
            AccessToken token = exchangeToken();
            if (token == null) {
                return;
            }
            GigaChatSession session = client.session(key, scope);
            ExecutorService pool = Executors.newFixedThreadPool(3, runnable -> {
                Thread thread = new Thread(runnable, "gigachat-verify");
                thread.setDaemon(true);
                return thread;
            });
            try {
                CompletableFuture<Object> modelsCall = async(pool, session::models);
                CompletableFuture<Object> balanceCall = async(pool, session::balance);
                CompletableFuture<Object> probeCall = request.probe() && wantsEmbeddingsProbe()
                        ? async(pool, () -> session.embed(request.probeModel(), List.of("ping")))
                        : null;
                checkModels(modelsCall.join());
                checkPaidStatus(balanceCall.join(), probeCall == null ? null : probeCall.join());
            } finally {
                pool.shutdownNow();
            }
            if (summary == null) {
                summary = switch (outcome) {
                    case VALID_PAID ->
                        "The key works (scope " + scope + ") and " + String.join(", ", request.services())
                                + (request.services().size() == 1 ? " is" : " are") + " paid for.";
                    case VALID_POSTPAID ->
                        "The key works (scope " + scope + "); the account is pay-as-you-go, so its"
                                + " balance is not readable. Add -Dgigachat.probe=true for definitive proof of payment.";
                    default -> "Verification finished with " + outcome + ".";
                };
            }
        }

        private CompletableFuture<Object> async(ExecutorService pool, java.util.function.Supplier<?> call) {
            return CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return call.get();
                        } catch (GigaChatException e) {
                            return e;
                        }
                    },
                    pool);
        }

        private boolean checkCredentials() {
            if (request.rawKey() == null) {
                fail("credentials", Outcome.INVALID, "No GigaChat key found. " + request.missingCredentialsHelp());
                return false;
            }
            checks.add(Check.pass("credentials", "Key found in " + request.credentialsDescription() + "."));
            return true;
        }

        private boolean checkKeyFormat() {
            try {
                KeyFormat.Result result = KeyFormat.check(request.rawKey());
                key = result.key();
                key.registerWith(masker);
                for (String warning : result.warnings()) {
                    warnings.add("Key in " + request.credentialsDescription() + ": " + warning);
                }
                checks.add(Check.pass(
                        "key-format",
                        "Well-formed Authorization Key " + key.fingerprint() + " (client id " + key.clientId() + ")."));
                return true;
            } catch (InvalidKeyException e) {
                fail(
                        "key-format",
                        Outcome.INVALID,
                        e.getMessage() + " Fix the value in " + request.credentialsDescription() + ".");
                return false;
            }
        }

        private AccessToken exchangeToken() {
            List<Scope> order = new ArrayList<>();
            if (request.scope() != null) {
                order.add(request.scope());
            }
            for (Scope candidate : Scope.values()) {
                if (!order.contains(candidate)) {
                    order.add(candidate);
                }
            }
            for (Scope candidate : order) {
                try {
                    AccessToken token = client.requestToken(key, candidate);
                    scope = candidate;
                    if (request.scope() != null && candidate != request.scope()) {
                        fail(
                                "token",
                                Outcome.INVALID,
                                "The key from " + request.credentialsDescription()
                                        + " belongs to scope " + candidate + " (" + candidate.audience() + "), not "
                                        + request.scope() + " as gigachat.scope says. Set -Dgigachat.scope=" + candidate
                                        + " (or the environment variable GIGACHAT_SCOPE), or -Dgigachat.scope=auto.");
                        return null;
                    }
                    checks.add(Check.pass(
                            "token",
                            "Access token issued for scope " + candidate
                                    + (request.scope() == null
                                            ? " (found by gigachat.scope=auto; set it to skip the discovery)"
                                            : "")
                                    + "."));
                    return token;
                } catch (ApiException e) {
                    if (isScopeMismatch(e)) {
                        continue;
                    }
                    tokenFailure(e);
                    return null;
                } catch (GigaChatException e) {
                    fail("token", Outcome.UNKNOWN, "The token exchange could not finish: " + e.getMessage());
                    return null;
                }
            }
            fail(
                    "token",
                    Outcome.INVALID,
                    "The key from " + request.credentialsDescription()
                            + " was refused for every scope (" + List.of(Scope.values())
                            + "): it is real but has no GigaChat API scope. Check the project in the Sber developer studio.");
            return null;
        }

        private boolean isScopeMismatch(ApiException e) {
            return e.code().map(code -> code == 7).orElse(false);
        }

        private void tokenFailure(ApiException e) {
            int code = e.code().orElse(-1);
            String where = request.credentialsDescription();
            if (code == 4) {
                fail(
                        "token",
                        Outcome.INVALID,
                        "GigaChat cannot decode the key from " + where + " (" + e.getMessage()
                                + "): it is not a valid Authorization Key. Copy the Authorization Key from the Sber developer"
                                + " studio (your project, 'Get key') into " + where + ".");
            } else if (code == 6
                    || (e.status() == 401 && code == -1 && e.apiMessage().isPresent())) {
                fail(
                        "token",
                        Outcome.INVALID,
                        "GigaChat does not recognise the key from " + where + " ("
                                + e.getMessage()
                                + "): it is unknown or was revoked. Create a new key in the Sber developer"
                                + " studio and update " + where + ".");
            } else {
                fail(
                        "token",
                        Outcome.UNKNOWN,
                        "The token exchange gave an unexpected answer: " + e.getMessage()
                                + (e.isTransient() ? " (still failing after retries; try again later)" : ""));
            }
        }

        private void checkModels(Object answer) {
            if (answer instanceof GigaChatException e) {
                fail("models", Outcome.UNKNOWN, "The model list could not be read: " + e.getMessage());
                return;
            }
            @SuppressWarnings("unchecked")
            List<ModelInfo> list = (List<ModelInfo>) answer;
            list.stream().map(ModelInfo::id).sorted().forEach(models::add);
            checks.add(Check.pass("models", list.size() + " models available."));
            if (request.requiredModels().isEmpty()) {
                return;
            }
            List<String> missing = request.requiredModels().stream()
                    .filter(wanted -> models.stream().noneMatch(id -> id.equalsIgnoreCase(wanted)))
                    .toList();
            if (missing.isEmpty()) {
                checks.add(Check.pass("required-models", "All required models available: " + request.requiredModels()));
            } else {
                fail(
                        "required-models",
                        Outcome.INVALID,
                        "Required model(s) " + missing + " not available to this key"
                                + " (scope " + scope + "). Available: " + models
                                + ". Fix gigachat.requiredModels or use a key"
                                + " whose scope includes them.");
            }
        }

        private void checkPaidStatus(Object balanceAnswer, Object probeAnswer) {
            boolean postpaid = false;
            Balance readable = null;
            if (balanceAnswer instanceof Balance b) {
                readable = b;
                b.values().forEach((usage, value) -> balance.put(usage, value));
            } else if (balanceAnswer instanceof ApiException e
                    && e.status() == 403
                    && e.apiMessage().isPresent()) {
                // only the API's own JSON 403 means pay-as-you-go; a proxy's HTML 403 proves nothing
                postpaid = true;
            } else if (balanceAnswer instanceof ApiException e && e.status() == 402) {
                for (String service : request.services()) {
                    fail(
                            "balance:" + service,
                            Outcome.VALID_UNPAID,
                            "GET /balance answered 402 Payment Required. " + buyAdvice(service));
                }
                return;
            }
            for (String service : request.services()) {
                ProbeResult probe = probeResult(service, probeAnswer);
                if (probe == ProbeResult.UNPAID) {
                    fail(
                            "probe:" + service,
                            Outcome.VALID_UNPAID,
                            "A real " + service + " call (" + request.probeModel() + ") answered 402 Payment Required. "
                                    + buyAdvice(service));
                    continue;
                }
                if (probe == ProbeResult.PAID) {
                    checks.add(Check.pass(
                            "probe:" + service,
                            "A real " + service + " call with model " + request.probeModel() + " succeeded."));
                } else if (probe == ProbeResult.FAILED) {
                    fail(
                            "probe:" + service,
                            Outcome.UNKNOWN,
                            "The " + service + " probe could not finish: "
                                    + ((GigaChatException) probeAnswer).getMessage());
                } else if (request.probe()) {
                    checks.add(Check.skip(
                            "probe:" + service,
                            "No probe call is defined for service '" + service + "'; only embeddings can be probed."));
                }
                if (readable != null) {
                    BigDecimal value = readable.of(service).orElse(BigDecimal.ZERO);
                    if (value.compareTo(request.minBalance()) >= 0) {
                        checks.add(Check.pass(
                                "balance:" + service,
                                service + " balance: " + value.toPlainString() + " tokens (minimum "
                                        + request.minBalance().toPlainString() + ")."));
                    } else if (probe == ProbeResult.PAID) {
                        checks.add(Check.warn(
                                "balance:" + service,
                                service + " balance is " + value.toPlainString() + " tokens, below"
                                        + " gigachat.minBalance="
                                        + request.minBalance().toPlainString()
                                        + ", but a real call succeeded: paid for now. " + buyAdvice(service)));
                    } else {
                        fail(
                                "balance:" + service,
                                Outcome.VALID_UNPAID,
                                service + " balance is "
                                        + value.toPlainString() + " tokens, below gigachat.minBalance="
                                        + request.minBalance().toPlainString()
                                        + (readable.of(service).isEmpty()
                                                ? " (no '" + service + "' package on the account)"
                                                : "")
                                        + ". " + buyAdvice(service));
                    }
                } else if (postpaid) {
                    if (probe == ProbeResult.PAID) {
                        checks.add(Check.pass(
                                "balance:" + service,
                                "Balance not readable (403: pay-as-you-go" + " account); the probe proved payment."));
                    } else {
                        checks.add(Check.warn(
                                "balance:" + service,
                                "GET /balance answered 403 Permission denied: a"
                                        + " pay-as-you-go (postpaid) account whose balance is not readable."
                                        + " -Dgigachat.probe=true makes one real call as proof."));
                        outcome = outcome.worst(Outcome.VALID_POSTPAID);
                    }
                } else if (probe == ProbeResult.PAID) {
                    checks.add(Check.warn(
                            "balance:" + service,
                            "The balance could not be read (" + ((GigaChatException) balanceAnswer).getMessage()
                                    + "); the probe proved payment."));
                } else {
                    fail(
                            "balance:" + service,
                            Outcome.UNKNOWN,
                            "The balance could not be read: " + ((GigaChatException) balanceAnswer).getMessage());
                }
            }
        }

        private boolean wantsEmbeddingsProbe() {
            return request.services().stream().anyMatch(s -> s.equalsIgnoreCase("embeddings"));
        }

        private ProbeResult probeResult(String service, Object answer) {
            if (answer == null || !service.equalsIgnoreCase("embeddings")) {
                return ProbeResult.NOT_RUN;
            }
            if (answer instanceof ApiException e && e.status() == 402) {
                return ProbeResult.UNPAID;
            }
            return answer instanceof GigaChatException ? ProbeResult.FAILED : ProbeResult.PAID;
        }

        private String buyAdvice(String service) {
            return "Buy a '" + service + "' package in the Sber developer studio (https://developers.sber.ru/studio,"
                    + " billing section) for scope " + scope
                    + "; -Dgigachat.failOnUnpaid=false lets the build pass meanwhile.";
        }

        private void fail(String name, Outcome severity, String message) {
            String safe = masker.mask(message);
            checks.add(Check.fail(name, safe));
            Outcome before = outcome;
            outcome = outcome.worst(severity);
            if (summary == null || outcome != before) {
                summary = safe;
            }
        }

        VerifyResult result(long durationMs) {
            List<Check> safeChecks = checks.stream()
                    .map(c -> new Check(c.name(), c.status(), masker.mask(c.message())))
                    .toList();
            return new VerifyResult(
                    outcome,
                    masker.mask(summary),
                    scope == null ? null : scope.wireName(),
                    request.credentialsSource(),
                    key == null ? null : key.fingerprint(),
                    safeChecks,
                    balance,
                    models,
                    durationMs,
                    emulated,
                    client.config().insecure(),
                    warnings);
        }
    }

    private enum ProbeResult {
        NOT_RUN,
        PAID,
        UNPAID,
        FAILED
    }
}
