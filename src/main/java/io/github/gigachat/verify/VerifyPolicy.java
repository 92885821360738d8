package io.github.gigachat.verify;

import io.github.gigachat.client.Scope;
import io.github.gigachat.client.TokenOutcome;
import io.github.gigachat.verify.Evidence.BalanceAnswer;
import io.github.gigachat.verify.Evidence.Certificate;
import io.github.gigachat.verify.Evidence.Key;
import io.github.gigachat.verify.Evidence.Models;
import io.github.gigachat.verify.Evidence.Probe;
import io.github.gigachat.verify.Evidence.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what the evidence of one verification proves: the checks and the one {@link Outcome}. Pure: no I/O, no
 * clock, the same evidence always gives the same verdict. A {@code VALID_*} needs proof; everything else is
 * {@code UNKNOWN} or worse.
 */
final class VerifyPolicy {
    /** The only service a probe call exists for. */
    static final String PROBED_SERVICE = "embeddings";

    private final VerifyRequest request;
    private final Advice advice;
    private final List<Check> checks = new ArrayList<>();

    /** The decision: the outcome, one sentence for people, and every check. */
    record Verdict(Outcome outcome, String summary, Scope scope, List<Check> checks) {
        Verdict {
            checks = List.copyOf(checks);
        }
    }

    private VerifyPolicy(VerifyRequest request, Advice advice) {
        this.request = request;
        this.advice = advice;
    }

    static Verdict decide(VerifyRequest request, Evidence evidence, Advice advice) {
        return new VerifyPolicy(request, advice).judge(evidence);
    }

    private Verdict judge(Evidence evidence) {
        if (!key(evidence.key()) | !certificate(evidence.certificate())) {
            return verdict(null);
        }
        if (evidence.token() instanceof Token.Refused refused) {
            TokenOutcome outcome = refused.outcome();
            boolean unknown = outcome instanceof TokenOutcome.Transient failed && !failed.certificateRefused();
            String message = outcome instanceof TokenOutcome.Rejected && evidence.key() instanceof Key.User
                    ? "The /token endpoint refused the user and password from " + request.credentialsDescription()
                            + detail(((TokenOutcome.Rejected) outcome).cause()) + ". "
                            + advice.forRefusedUser(request.credentialsDescription())
                    : advice.forTokenOutcome(outcome, request.credentialsDescription());
            checks.add(Check.fail("token", unknown ? Outcome.UNKNOWN : Outcome.INVALID, message));
            return verdict(
                    outcome instanceof TokenOutcome.WrongScope wrong
                            ? wrong.actual().orElse(null)
                            : null);
        }
        Scope scope = evidence.token() instanceof Token.Issued issued ? issued.scope() : null;
        checks.add(tokenCheck(evidence.key(), scope));
        models(evidence.models(), scope, evidence.key());
        for (String service : request.services()) {
            paidStatus(service, scope, evidence.balance(), evidence.probe());
        }
        return verdict(scope);
    }

    /** The token step that succeeded, or that was not needed. */
    private Check tokenCheck(Key key, Scope scope) {
        if (key instanceof Key.User user) {
            return Check.pass(
                    "token",
                    "Access token issued by /token for user " + user.user() + "; its scope is not known (only an"
                            + " Authorization Key's scope can be found).");
        }
        if (key instanceof Key.GivenToken) {
            return Check.skip(
                    "token",
                    "No exchange: the access token from " + request.credentialsDescription()
                            + " is used as is; the calls below prove whether it works.");
        }
        if (key instanceof Key.CertificateOnly) {
            return Check.skip("token", "No token: the client certificate authenticates every call.");
        }
        return Check.pass(
                "token",
                "Access token issued for scope " + scope + "."
                        + (request.scope() == null ? " " + advice.forDiscoveredScope(scope) : ""));
    }

    /** The credentials and key-format checks; whether the calls can be attempted with what was found. */
    private boolean key(Key key) {
        if (key instanceof Key.Missing) {
            checks.add(Check.fail(
                    "credentials", Outcome.INVALID, "No GigaChat key found. " + request.missingCredentialsHelp()));
            return false;
        }
        if (key instanceof Key.GivenToken || key instanceof Key.User || key instanceof Key.CertificateOnly) {
            String kind = request.credential().kind();
            checks.add(Check.pass(
                    "credentials",
                    Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " found in "
                            + request.credentialsDescription() + " (" + key.fingerprint() + ")."));
            return true;
        }
        checks.add(Check.pass("credentials", "Key found in " + request.credentialsDescription() + "."));
        if (key instanceof Key.Malformed malformed) {
            checks.add(Check.fail(
                    "key-format",
                    Outcome.INVALID,
                    malformed.problem() + " " + advice.forCredentials(request.credentialsDescription())));
            return false;
        }
        Key.WellFormed good = (Key.WellFormed) key;
        checks.add(Check.pass(
                "key-format",
                "Well-formed Authorization Key " + good.fingerprint() + " (client id " + good.clientId() + ")."));
        return true;
    }

    /** The client certificate, judged before any call (see {@link CertificatePolicy}); whether it can be presented. */
    private boolean certificate(Certificate certificate) {
        if (certificate == null) {
            return true;
        }
        checks.add(CertificatePolicy.check(
                certificate, request.certificate().description(), request.certificateWarning(), advice));
        return certificate.usable();
    }

    private void models(Models models, Scope scope, Key key) {
        List<String> ids = models instanceof Models.Listed listed ? listed.ids() : List.of();
        if (models instanceof Models.Refused refused) {
            checks.add(Check.fail("models", Outcome.INVALID, refusal(refused, key)));
        } else if (models instanceof Models.Unreadable unreadable) {
            checks.add(Check.fail(
                    "models", Outcome.UNKNOWN, "The model list could not be read: " + unreadable.problem() + "."));
        } else if (ids.isEmpty()) {
            checks.add(Check.fail(
                    "models",
                    Outcome.UNKNOWN,
                    "GET /models answered an empty list, which proves nothing about what the key can use."));
        } else {
            checks.add(Check.pass("models", ids.size() + " models available."));
        }
        List<String> required = request.requiredModels();
        if (required.isEmpty()) {
            return;
        }
        List<String> missing = required.stream()
                .filter(wanted -> ids.stream().noneMatch(id -> id.equalsIgnoreCase(wanted)))
                .toList();
        if (ids.isEmpty()) {
            checks.add(Check.fail(
                    "required-models",
                    Outcome.UNKNOWN,
                    "Required model(s) " + required + " could not be checked: there is no model list (see models)."));
        } else if (missing.isEmpty()) {
            checks.add(Check.pass("required-models", "All required models available: " + required + "."));
        } else {
            checks.add(Check.fail(
                    "required-models",
                    Outcome.INVALID,
                    "Required model(s) " + missing + " not available to this key (scope " + scope + "). Available: "
                            + ids + ". " + advice.forRequiredModels()));
        }
    }

    /** What the refusal of the credential itself means, and what to do. */
    private String refusal(Models.Refused refused, Key key) {
        if (refused.certificate()) {
            return refused.problem() + " "
                    + advice.forCertificate(
                            request.certificate() == null
                                    ? null
                                    : request.certificate().description());
        }
        if (key instanceof Key.GivenToken) {
            return "The API refused the access token from " + request.credentialsDescription() + " ("
                    + refused.problem() + "): it has expired or is not valid. "
                    + advice.forRefusedAccessToken(request.credentialsDescription());
        }
        return "The API refused the calls authenticated by the client certificate (" + refused.problem()
                + "): its account is unknown or revoked. " + advice.forCertificate(request.credentialsDescription());
    }

    /** The balance check and, when a probe applies, the probe check of one service. */
    private void paidStatus(String service, Scope scope, BalanceAnswer balance, Probe probeAnswer) {
        boolean probeable = service.equalsIgnoreCase(PROBED_SERVICE);
        Probe probe = probeable ? probeAnswer : Probe.NOT_RUN;
        if (request.probe() && probeable && probe instanceof Probe.NotRun) {
            // a probe was asked for and is the only proof some answers allow: its absence proves nothing
            probe = new Probe.Failed("the probe call was not made");
        }
        Reading reading = read(service, scope, balance);
        checks.add(balanceCheck("balance:" + service, service, scope, reading, probe, probeable));
        String probeName = "probe:" + service;
        if (probe instanceof Probe.Succeeded) {
            checks.add(Check.pass(
                    probeName, "A real " + service + " call with model " + request.probeModel() + " succeeded."));
        } else if (probe instanceof Probe.PaymentRequired unpaid) {
            checks.add(Check.fail(
                    probeName,
                    Outcome.VALID_UNPAID,
                    "A real " + service + " call with model " + request.probeModel() + " was refused: "
                            + unpaid.problem() + ". " + advice.forPackage(service, scope)));
        } else if (probe instanceof Probe.Failed failed) {
            checks.add(Check.fail(
                    probeName,
                    Outcome.UNKNOWN,
                    "The " + service + " probe could not finish: " + failed.problem() + "."));
        } else if (request.probe()) {
            checks.add(Check.skip(
                    probeName, "No probe call exists for service '" + service + "'; only embeddings can be probed."));
        }
    }

    /** What {@code /balance} alone says about one service, and what would settle it. */
    private record Reading(Check.Status status, Outcome raises, String fact, Remedy remedy) {}

    /** What the user can do about a reading that is not a pass. */
    private enum Remedy {
        NONE,
        BUY,
        PROBE
    }

    private Reading read(String service, Scope scope, BalanceAnswer answer) {
        boolean postpaidScope = scope == Scope.CORP;
        // with a credential that does not tell its scope, pay-as-you-go can be neither proven nor ruled out
        boolean maybePostpaid = postpaidScope || scope == null;
        if (answer instanceof BalanceAnswer.Forbidden forbidden && scope == null) {
            return failing(
                    Outcome.UNKNOWN,
                    forbidden.problem() + ". The scope of " + request.credentialsDescription()
                            + " is not known (only an"
                            + " Authorization Key's scope can be found), so this does not prove pay-as-you-go billing.",
                    Remedy.PROBE);
        }
        if (answer instanceof BalanceAnswer.Forbidden forbidden) {
            return postpaidScope
                    ? new Reading(
                            Check.Status.WARN,
                            Outcome.VALID_POSTPAID,
                            forbidden.problem()
                                    + ": a pay-as-you-go (postpaid) account, whose balance is not readable.",
                            Remedy.PROBE)
                    : failing(
                            Outcome.UNKNOWN,
                            forbidden.problem() + ". For a " + scope + " key that does not prove pay-as-you-go billing"
                                    + " (only " + Scope.CORP + " accounts are postpaid).",
                            Remedy.PROBE);
        }
        if (answer instanceof BalanceAnswer.PaymentRequired unpaid) {
            return failing(Outcome.VALID_UNPAID, unpaid.problem() + ".", Remedy.BUY);
        }
        if (answer instanceof BalanceAnswer.Unreadable unreadable) {
            return failing(
                    Outcome.UNKNOWN, "The balance could not be read: " + unreadable.problem() + ".", Remedy.PROBE);
        }
        var packages = ((BalanceAnswer.Read) answer).balance();
        if (packages.values().isEmpty()) {
            return failing(
                    Outcome.UNKNOWN,
                    "GET /balance listed no packages at all, which proves nothing about payment.",
                    Remedy.PROBE);
        }
        BigDecimal minimum = request.minBalance();
        BigDecimal value = packages.of(service).orElse(null);
        if (value == null) {
            String absent = "GET /balance lists no '" + service + "' package (only "
                    + packages.values().keySet() + ")";
            return maybePostpaid
                    ? failing(
                            Outcome.UNKNOWN,
                            absent + "; a pay-as-you-go " + (scope == null ? "" : scope + " ")
                                    + "account may be billed without one.",
                            Remedy.PROBE)
                    : failing(Outcome.VALID_UNPAID, absent + ": the account has no package for it.", Remedy.BUY);
        }
        if (value.compareTo(minimum) >= 0) {
            return new Reading(
                    Check.Status.PASS,
                    null,
                    service + " balance: " + plain(value) + " tokens (minimum " + plain(minimum) + ").",
                    Remedy.NONE);
        }
        return failing(
                Outcome.VALID_UNPAID,
                service + " balance is " + plain(value) + " tokens, below " + advice.minimumBalanceSetting(minimum)
                        + ".",
                Remedy.BUY);
    }

    private static Reading failing(Outcome raises, String fact, Remedy remedy) {
        return new Reading(Check.Status.FAIL, raises, fact, remedy);
    }

    /** The balance check: the reading, unless a probe that ran decided otherwise (a real call is definitive). */
    private Check balanceCheck(
            String name, String service, Scope scope, Reading reading, Probe probe, boolean probeable) {
        if (probe instanceof Probe.Succeeded) {
            return reading.status() == Check.Status.PASS
                    ? Check.pass(name, reading.fact())
                    : Check.warn(
                            name, reading.fact() + " A real " + service + " call succeeded, which proves payment.");
        }
        if (probe instanceof Probe.PaymentRequired) {
            if (reading.raises() == Outcome.VALID_UNPAID) {
                return Check.fail(name, Outcome.VALID_UNPAID, reading.fact() + " " + advice.forPackage(service, scope));
            }
            return Check.warn(
                    name,
                    reading.fact() + " A real " + service + " call answered 402, which decides (see probe:" + service
                            + ").");
        }
        String remedy =
                switch (reading.remedy()) {
                    case NONE -> "";
                    case BUY -> " " + advice.forPackage(service, scope);
                    case PROBE -> " " + proofAdvice(service, probe, probeable);
                };
        return new Check(name, reading.status(), reading.fact() + remedy, reading.raises());
    }

    private String proofAdvice(String service, Probe probe, boolean probeable) {
        if (!probeable) {
            return "No probe call exists for '" + service + "'; check the account's billing in the Sber developer"
                    + " studio.";
        }
        return probe instanceof Probe.Failed
                ? "The probe that would prove payment could not finish either (see probe:" + service + ")."
                : advice.forProbe();
    }

    private Verdict verdict(Scope scope) {
        Outcome outcome = Outcome.VALID_PAID;
        for (Check check : checks) {
            if (check.raises() != null) {
                outcome = outcome.worst(check.raises());
            }
        }
        return new Verdict(outcome, summary(outcome, scope), scope, checks);
    }

    private String summary(Outcome outcome, Scope scope) {
        List<String> services = request.services();
        return switch (outcome) {
            case VALID_PAID ->
                works(scope) + " and " + String.join(", ", services) + (services.size() == 1 ? " is" : " are")
                        + " paid for.";
            case VALID_POSTPAID ->
                works(scope) + "; the account is pay-as-you-go, so its balance is not readable. "
                        + (request.probe()
                                ? "Only " + PROBED_SERVICE + " can be proven by a real call; the other services stay"
                                        + " unproven."
                                : advice.forProbe());
            default ->
                checks.stream()
                        .filter(c -> c.status() == Check.Status.FAIL && c.raises() == outcome)
                        .map(Check::message)
                        .findFirst()
                        .orElseThrow();
        };
    }

    private String works(Scope scope) {
        if (request.credential() instanceof io.github.gigachat.client.Credential.Key) {
            return "The key works (scope " + scope + ")";
        }
        return "The " + request.credential().kind() + " from " + request.credentialsDescription() + " works";
    }

    private static String detail(Exception cause) {
        return cause == null ? "" : " (" + cause.getMessage() + ")";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
