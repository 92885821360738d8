package io.github.gigachat.verify;

import io.github.gigachat.client.Scope;
import io.github.gigachat.client.TokenOutcome;
import io.github.gigachat.verify.Evidence.BalanceAnswer;
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
        if (!key(evidence.key())) {
            return verdict(null);
        }
        if (evidence.token() instanceof Token.Refused refused) {
            TokenOutcome outcome = refused.outcome();
            checks.add(Check.fail(
                    "token",
                    outcome instanceof TokenOutcome.Transient ? Outcome.UNKNOWN : Outcome.INVALID,
                    advice.forTokenOutcome(outcome, request.credentialsDescription())));
            return verdict(
                    outcome instanceof TokenOutcome.WrongScope wrong
                            ? wrong.actual().orElse(null)
                            : null);
        }
        Scope scope = ((Token.Issued) evidence.token()).scope();
        checks.add(Check.pass(
                "token",
                "Access token issued for scope " + scope + "."
                        + (request.scope() == null ? " " + advice.forDiscoveredScope(scope) : "")));
        models(evidence.models(), scope);
        for (String service : request.services()) {
            paidStatus(service, scope, evidence.balance(), evidence.probe());
        }
        return verdict(scope);
    }

    /** The credentials and key-format checks; whether the key is well-formed. */
    private boolean key(Key key) {
        if (key instanceof Key.Missing) {
            checks.add(Check.fail(
                    "credentials", Outcome.INVALID, "No GigaChat key found. " + request.missingCredentialsHelp()));
            return false;
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

    private void models(Models models, Scope scope) {
        List<String> ids = models instanceof Models.Listed listed ? listed.ids() : List.of();
        if (models instanceof Models.Unreadable unreadable) {
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
            return postpaidScope
                    ? failing(
                            Outcome.UNKNOWN,
                            absent + "; a pay-as-you-go " + scope + " account may be billed without one.",
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
                "The key works (scope " + scope + ") and " + String.join(", ", services)
                        + (services.size() == 1 ? " is" : " are") + " paid for.";
            case VALID_POSTPAID ->
                "The key works (scope " + scope + "); the account is pay-as-you-go, so its balance is not readable. "
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

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
