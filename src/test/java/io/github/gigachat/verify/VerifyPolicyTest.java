package io.github.gigachat.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gigachat.client.Balance;
import io.github.gigachat.client.GigaChatException;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.TokenOutcome;
import io.github.gigachat.verify.Evidence.BalanceAnswer;
import io.github.gigachat.verify.Evidence.Key;
import io.github.gigachat.verify.Evidence.Models;
import io.github.gigachat.verify.Evidence.Probe;
import io.github.gigachat.verify.Evidence.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verification policy as a table: what each combination of answers proves. Columns: the key's scope, the key and
 * token step, {@code /models}, {@code /balance}, the probe, settings (default {@code min=1 services=embeddings}); then
 * the outcome and every check that did not pass ({@code name=STATUS}, or the outcome a failing check raises).
 *
 * <p>Cell values: {@code error} is any answer that proves nothing (network, 5xx, HTML, a proxy's 403 or 402, an odd
 * body; which answers count as that is tested in {@link VerifierTest}); {@code []} an empty list; {@code 403} and
 * {@code 402} the API's own JSON errors. Probe {@code off}: not asked; {@code on}: asked but not made; {@code ok},
 * {@code 402}, {@code error}: its answer.
 */
class VerifyPolicyTest {
    private static final Advice ADVICE = new TestAdvice();

    @ParameterizedTest(name = "{0} {1} models={2} balance={3} probe={4} {5} -> {6}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
        # scope | key/token       | models     | balance          | probe | settings                   | outcome        | checks not passed
        # ------------------------------------------ credentials, key format, token
          -     | none            | -          | -                | off   | -                          | INVALID        | credentials=INVALID
          -     | bad-format      | -          | -                | off   | -                          | INVALID        | key-format=INVALID
          PERS  | malformed       | -          | -                | off   | -                          | INVALID        | token=INVALID
          PERS  | rejected        | -          | -                | off   | -                          | INVALID        | token=INVALID
          PERS  | wrong-scope:B2B | -          | -                | off   | -                          | INVALID        | token=INVALID
          -     | wrong-scope:-   | -          | -                | off   | -                          | INVALID        | token=INVALID
          PERS  | transient       | -          | -                | off   | -                          | UNKNOWN        | token=UNKNOWN
        # ------------------------------------------ models
          PERS  | issued          | Embeddings | embeddings=100   | off   | -                          | VALID_PAID     | -
          PERS  | issued          | []         | embeddings=100   | off   | -                          | UNKNOWN        | models=UNKNOWN
          PERS  | issued          | error      | embeddings=100   | off   | -                          | UNKNOWN        | models=UNKNOWN
          PERS  | issued          | GigaChat   | embeddings=100   | off   | required=Embeddings        | INVALID        | required-models=INVALID
          PERS  | issued          | embeddings | embeddings=100   | off   | required=Embeddings        | VALID_PAID     | -
          PERS  | issued          | []         | embeddings=100   | off   | required=Embeddings        | UNKNOWN        | models=UNKNOWN required-models=UNKNOWN
          PERS  | issued          | error      | embeddings=100   | off   | required=Embeddings        | UNKNOWN        | models=UNKNOWN required-models=UNKNOWN
        # ------------------------------------------ balance alone
          PERS  | issued          | Embeddings | embeddings=1     | off   | min=1                      | VALID_PAID     | -
          B2B   | issued          | Embeddings | EMBEDDINGS=2.5   | off   | min=2.5                    | VALID_PAID     | -
          PERS  | issued          | Embeddings | embeddings=0     | off   | -                          | VALID_UNPAID   | balance:embeddings=VALID_UNPAID
          PERS  | issued          | Embeddings | embeddings=0.5   | off   | min=1                      | VALID_UNPAID   | balance:embeddings=VALID_UNPAID
          PERS  | issued          | Embeddings | embeddings=0     | off   | min=0                      | VALID_PAID     | -
          PERS  | issued          | Embeddings | GigaChat=9       | off   | min=0                      | VALID_UNPAID   | balance:embeddings=VALID_UNPAID
          B2B   | issued          | Embeddings | GigaChat=9       | off   | -                          | VALID_UNPAID   | balance:embeddings=VALID_UNPAID
          CORP  | issued          | Embeddings | GigaChat=9       | off   | -                          | UNKNOWN        | balance:embeddings=UNKNOWN
          PERS  | issued          | Embeddings | []               | off   | min=0                      | UNKNOWN        | balance:embeddings=UNKNOWN
          CORP  | issued          | Embeddings | 403              | off   | -                          | VALID_POSTPAID | balance:embeddings=VALID_POSTPAID
          PERS  | issued          | Embeddings | 403              | off   | -                          | UNKNOWN        | balance:embeddings=UNKNOWN
          B2B   | issued          | Embeddings | 403              | off   | -                          | UNKNOWN        | balance:embeddings=UNKNOWN
          CORP  | issued          | Embeddings | 402              | off   | -                          | VALID_UNPAID   | balance:embeddings=VALID_UNPAID
          PERS  | issued          | Embeddings | error            | off   | -                          | UNKNOWN        | balance:embeddings=UNKNOWN
          CORP  | issued          | Embeddings | error            | off   | -                          | UNKNOWN        | balance:embeddings=UNKNOWN
        # ------------------------------------------ the probe decides
          PERS  | issued          | Embeddings | embeddings=100   | ok    | -                          | VALID_PAID     | -
          PERS  | issued          | Embeddings | embeddings=0     | ok    | -                          | VALID_PAID     | balance:embeddings=WARN
          PERS  | issued          | Embeddings | GigaChat=9       | ok    | -                          | VALID_PAID     | balance:embeddings=WARN
          PERS  | issued          | Embeddings | []               | ok    | -                          | VALID_PAID     | balance:embeddings=WARN
          PERS  | issued          | Embeddings | 403              | ok    | -                          | VALID_PAID     | balance:embeddings=WARN
          CORP  | issued          | Embeddings | 403              | ok    | -                          | VALID_PAID     | balance:embeddings=WARN
          PERS  | issued          | Embeddings | 402              | ok    | -                          | VALID_PAID     | balance:embeddings=WARN
          PERS  | issued          | Embeddings | error            | ok    | -                          | VALID_PAID     | balance:embeddings=WARN
          PERS  | issued          | Embeddings | embeddings=100   | 402   | -                          | VALID_UNPAID   | balance:embeddings=WARN probe:embeddings=VALID_UNPAID
          CORP  | issued          | Embeddings | 403              | 402   | -                          | VALID_UNPAID   | balance:embeddings=WARN probe:embeddings=VALID_UNPAID
          PERS  | issued          | Embeddings | embeddings=0     | 402   | -                          | VALID_UNPAID   | balance:embeddings=VALID_UNPAID probe:embeddings=VALID_UNPAID
          PERS  | issued          | Embeddings | embeddings=100   | error | -                          | UNKNOWN        | probe:embeddings=UNKNOWN
          CORP  | issued          | Embeddings | 403              | error | -                          | UNKNOWN        | balance:embeddings=VALID_POSTPAID probe:embeddings=UNKNOWN
          PERS  | issued          | Embeddings | embeddings=0     | error | -                          | VALID_UNPAID   | balance:embeddings=VALID_UNPAID probe:embeddings=UNKNOWN
          PERS  | issued          | Embeddings | embeddings=100   | on    | -                          | UNKNOWN        | probe:embeddings=UNKNOWN
        # ------------------------------------------ several services: only embeddings can be probed
          PERS  | issued          | Embeddings | embeddings=5,GigaChat=5 | off | services=embeddings,GigaChat | VALID_PAID | -
          PERS  | issued          | Embeddings | embeddings=5     | ok    | services=embeddings,GigaChat | VALID_UNPAID | balance:GigaChat=VALID_UNPAID probe:GigaChat=SKIP
          CORP  | issued          | Embeddings | 403              | ok    | services=embeddings,GigaChat | VALID_POSTPAID | balance:embeddings=WARN balance:GigaChat=VALID_POSTPAID probe:GigaChat=SKIP
          PERS  | issued          | Embeddings | GigaChat=5       | on    | services=GigaChat          | VALID_PAID     | probe:GigaChat=SKIP
        # ------------------------------------------ one outcome word, every category kept
          PERS  | issued          | error      | embeddings=0     | off   | -                          | VALID_UNPAID   | models=UNKNOWN balance:embeddings=VALID_UNPAID
          PERS  | issued          | GigaChat   | 403              | off   | required=Embeddings        | INVALID        | required-models=INVALID balance:embeddings=UNKNOWN
        """)
    void decides(
            String scope,
            String token,
            String models,
            String balance,
            String probe,
            String settings,
            Outcome outcome,
            String notPassed) {
        Row row = new Row(scope, token, models, balance, probe, settings);

        VerifyPolicy.Verdict verdict = row.decide();

        assertThat(verdict.outcome()).isEqualTo(outcome);
        assertThat(notPassed(verdict)).isEqualTo(notPassed);
    }

    /** The checks that did not pass, as the table writes them. */
    private static String notPassed(VerifyPolicy.Verdict verdict) {
        String text = verdict.checks().stream()
                .filter(c -> c.status() != Check.Status.PASS)
                .map(c -> c.name() + "="
                        + (c.raises() != null ? c.raises().name() : c.status().name()))
                .collect(Collectors.joining(" "));
        return text.isEmpty() ? "-" : text;
    }

    // ------------------------------------------------------------------------------- invariants over every answer

    /** Every combination of answers for one service set, probe setting and minimum. */
    @Test
    void noValidOutcomeWithoutProof() {
        int combinations = 0;
        for (Scope scope : Scope.values()) {
            for (String models : List.of("Embeddings", "[]", "error")) {
                for (String balance : List.of(
                        "embeddings=5",
                        "embeddings=0",
                        "GigaChat=5",
                        "embeddings=5,GigaChat=0",
                        "[]",
                        "403",
                        "402",
                        "error")) {
                    for (String probe : List.of("off", "on", "ok", "402", "error")) {
                        for (String settings :
                                List.of("min=1", "min=0", "services=embeddings,GigaChat", "services=GigaChat")) {
                            Row row = new Row(scope.name(), "issued", models, balance, probe, settings);
                            checkInvariants(row, row.decide());
                            combinations++;
                        }
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(3 * 3 * 8 * 5 * 4);
    }

    private static void checkInvariants(Row row, VerifyPolicy.Verdict verdict) {
        String where = row + " -> " + verdict.outcome() + " " + verdict.checks();
        Outcome outcome = verdict.outcome();
        if (outcome == Outcome.VALID_PAID) {
            for (String service : row.request.services()) {
                assertThat(status(verdict, "balance:" + service) == Check.Status.PASS
                                || status(verdict, "probe:" + service) == Check.Status.PASS)
                        .as("VALID_PAID needs a paid balance or a successful probe for %s: %s", service, where)
                        .isTrue();
            }
        }
        if (outcome == Outcome.VALID_POSTPAID) {
            assertThat(row.scope).as(where).isEqualTo(Scope.CORP);
            assertThat(row.balance).as(where).isInstanceOf(BalanceAnswer.Forbidden.class);
        }
        boolean modelsProven =
                row.models instanceof Models.Listed listed && !listed.ids().isEmpty();
        if (!modelsProven) {
            assertThat(raised(verdict))
                    .as("no model list is always UNKNOWN, whatever else: " + where)
                    .contains(Outcome.UNKNOWN);
        }
        if (row.probe instanceof Probe.PaymentRequired && row.probesEmbeddings()) {
            assertThat(outcome)
                    .as("a real call answering 402 decides: " + where)
                    .isEqualTo(Outcome.VALID_UNPAID);
        }
        Outcome worst = Outcome.VALID_PAID;
        for (Check check : verdict.checks()) {
            assertThat(check.message()).as(where).isNotBlank();
            if (check.raises() != null) {
                worst = worst.worst(check.raises());
            }
        }
        assertThat(outcome).as("the outcome is the worst raised: " + where).isEqualTo(worst);
        assertThat(verdict.summary()).as(where).isNotBlank();
    }

    private static List<Outcome> raised(VerifyPolicy.Verdict verdict) {
        return verdict.checks().stream()
                .filter(c -> c.status() == Check.Status.FAIL)
                .map(Check::raises)
                .toList();
    }

    private static Check.Status status(VerifyPolicy.Verdict verdict, String name) {
        return verdict.checks().stream()
                .filter(c -> c.name().equals(name))
                .map(Check::status)
                .findFirst()
                .orElse(null);
    }

    // -------------------------------------------------------------------------------------------- the messages

    @Test
    void aPersonal403SaysToRunTheProbe() {
        Check balance =
                check(new Row("PERS", "issued", "Embeddings", "403", "off", "-").decide(), "balance:embeddings");
        assertThat(balance.message())
                .contains("For a GIGACHAT_API_PERS key that does not prove pay-as-you-go")
                .contains("[probe]");
    }

    @Test
    void aFailedProbeIsNotAdvisedAgain() {
        Check balance =
                check(new Row("PERS", "issued", "Embeddings", "403", "error", "-").decide(), "balance:embeddings");
        assertThat(balance.message()).contains("could not finish either").doesNotContain("[probe]");
    }

    @Test
    void anAbsentServiceSaysWhatToBuyAndWhatTheAccountHas() {
        Check balance =
                check(new Row("B2B", "issued", "Embeddings", "GigaChat=9", "off", "-").decide(), "balance:embeddings");
        assertThat(balance.message())
                .contains("no 'embeddings' package")
                .contains("[GigaChat]")
                .contains("[buy embeddings for GIGACHAT_API_B2B]");
    }

    @Test
    void aBalanceBelowTheMinimumNamesTheSetting() {
        Check balance = check(
                new Row("PERS", "issued", "Embeddings", "embeddings=0.5", "off", "min=1").decide(),
                "balance:embeddings");
        assertThat(balance.message()).contains("embeddings balance is 0.5 tokens, below [min 1]");
    }

    @Test
    void anEmptyModelListSaysItProvesNothing() {
        Check models = check(new Row("PERS", "issued", "[]", "embeddings=5", "off", "-").decide(), "models");
        assertThat(models.message()).contains("empty list").contains("proves nothing");
    }

    @Test
    void aWrongScopeIsWordedByTheAdviceAndReportsTheKeysScope() {
        VerifyPolicy.Verdict verdict = new Row("PERS", "wrong-scope:B2B", "-", "-", "off", "-").decide();
        assertThat(check(verdict, "token").message())
                .isEqualTo("[token WrongScope:GIGACHAT_API_B2B from the environment variable GIGACHAT_CREDENTIALS]");
        assertThat(verdict.scope()).isEqualTo(Scope.B2B);
        assertThat(verdict.summary()).isEqualTo(check(verdict, "token").message());
    }

    @Test
    void aDiscoveredScopeGetsTheAdviceToPinIt() {
        Row auto = new Row("B2B", "issued", "Embeddings", "embeddings=5", "off", "-");
        assertThat(check(auto.decide(), "token").message()).contains("[pin GIGACHAT_API_B2B]");
        Row configured = new Row("B2B", "issued", "Embeddings", "embeddings=5", "off", "scope=B2B");
        assertThat(check(configured.decide(), "token").message()).doesNotContain("[pin");
    }

    @Test
    void aMalformedKeyGetsTheCredentialsAdvice() {
        VerifyPolicy.Verdict verdict = new Row("-", "bad-format", "-", "-", "off", "-").decide();
        assertThat(check(verdict, "credentials").status()).isEqualTo(Check.Status.PASS);
        assertThat(check(verdict, "key-format").message())
                .isEqualTo("the key is a bare UUID. [fix the environment variable GIGACHAT_CREDENTIALS]");
    }

    @Test
    void theSummaryOfAPostpaidKeyAdvisesTheProbe() {
        VerifyPolicy.Verdict verdict = new Row("CORP", "issued", "Embeddings", "403", "off", "-").decide();
        assertThat(verdict.summary()).contains("pay-as-you-go").contains("[probe]");
    }

    @Test
    void theSummaryOfAPostpaidKeyWhoseProbeRanDoesNotAdviseItAgain() {
        VerifyPolicy.Verdict verdict =
                new Row("CORP", "issued", "Embeddings", "403", "ok", "services=embeddings,GigaChat").decide();
        assertThat(verdict.outcome()).isEqualTo(Outcome.VALID_POSTPAID);
        assertThat(verdict.summary()).contains("Only embeddings can be proven").doesNotContain("[probe]");
    }

    @Test
    void theSummaryIsTheFirstFailureOfTheWorstOutcome() {
        VerifyPolicy.Verdict verdict = new Row("PERS", "issued", "error", "embeddings=0", "off", "-").decide();
        assertThat(verdict.summary())
                .isEqualTo(check(verdict, "balance:embeddings").message());
    }

    @Test
    void evidenceCannotSkipAStep() {
        Key good = new Key.WellFormed("sha256:000000000000", "id");
        assertThatThrownBy(() -> new Evidence(good, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Evidence(good, new Token.Issued(Scope.PERS), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Evidence(new Key.Missing(), new Token.Issued(Scope.PERS), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Check check(VerifyPolicy.Verdict verdict, String name) {
        return verdict.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + verdict.checks()));
    }

    // ------------------------------------------------------------------------------------------- the table's cells

    /** One row of the table as evidence and a request. */
    private static final class Row {
        final Scope scope;
        final Key key;
        final Token token;
        final Models models;
        final BalanceAnswer balance;
        final Probe probe;
        final VerifyRequest request;
        private final String text;

        Row(String scope, String token, String models, String balance, String probe, String settings) {
            this.text = String.join(" | ", scope, token, models, balance, probe, settings);
            this.scope = scope.equals("-") ? null : Scope.parse(scope).orElseThrow();
            this.key = switch (token) {
                case "none" -> new Key.Missing();
                case "bad-format" -> new Key.Malformed("sha256:0123456789ab", "the key is a bare UUID.");
                default -> new Key.WellFormed("sha256:0123456789ab", "6f1c2a3e-7b4d-4c5e-9a10-000000000001");
            };
            this.token = token(token, this.scope);
            boolean issued = this.token instanceof Token.Issued;
            this.models = issued ? models(models) : null;
            this.balance = issued ? balance(balance) : null;
            this.probe = issued ? probe(probe) : null;
            this.request = request(settings, !probe.equals("off"));
        }

        VerifyPolicy.Verdict decide() {
            return VerifyPolicy.decide(request, new Evidence(key, token, models, balance, probe), ADVICE);
        }

        boolean probesEmbeddings() {
            return request.probe() && request.services().contains("embeddings");
        }

        private static Token token(String cell, Scope scope) {
            if (cell.startsWith("wrong-scope:")) {
                Optional<Scope> actual = Scope.parse(cell.substring("wrong-scope:".length()));
                return new Token.Refused(new TokenOutcome.WrongScope(scope, actual, null));
            }
            return switch (cell) {
                case "none", "bad-format" -> null;
                case "issued" -> new Token.Issued(scope);
                case "malformed" -> new Token.Refused(new TokenOutcome.Malformed(null));
                case "rejected" -> new Token.Refused(new TokenOutcome.Rejected(null));
                case "transient" -> new Token.Refused(new TokenOutcome.Transient(new Failure("connect timed out")));
                default -> throw new IllegalArgumentException("token cell " + cell);
            };
        }

        private static Models models(String cell) {
            return switch (cell) {
                case "error" -> new Models.Unreadable("GET /models answered HTTP 500");
                case "[]" -> new Models.Listed(List.of());
                default -> new Models.Listed(Arrays.asList(cell.split(",")));
            };
        }

        private static BalanceAnswer balance(String cell) {
            return switch (cell) {
                case "403" -> new BalanceAnswer.Forbidden("GET /balance answered HTTP 403: Permission denied");
                case "402" -> new BalanceAnswer.PaymentRequired("GET /balance answered HTTP 402: Payment Required");
                case "error" -> new BalanceAnswer.Unreadable("GET /balance answered HTTP 200 but with an HTML page");
                case "[]" -> new BalanceAnswer.Read(new Balance(Map.of()));
                default -> {
                    Map<String, BigDecimal> values = new LinkedHashMap<>();
                    for (String entry : cell.split(",")) {
                        String[] pair = entry.split("=");
                        values.put(pair[0], new BigDecimal(pair[1]));
                    }
                    yield new BalanceAnswer.Read(new Balance(values));
                }
            };
        }

        private static Probe probe(String cell) {
            return switch (cell) {
                case "off", "on" -> Probe.NOT_RUN;
                case "ok" -> Probe.SUCCEEDED;
                case "402" -> new Probe.PaymentRequired("POST /embeddings answered HTTP 402: Payment Required");
                case "error" -> new Probe.Failed("POST /embeddings answered HTTP 503");
                default -> throw new IllegalArgumentException("probe cell " + cell);
            };
        }

        private static VerifyRequest request(String settings, boolean probe) {
            BigDecimal minimum = BigDecimal.ONE;
            List<String> services = List.of("embeddings");
            List<String> required = new ArrayList<>();
            Scope configured = null;
            for (String setting : settings.equals("-") ? new String[0] : settings.split(" ")) {
                String[] pair = setting.split("=");
                switch (pair[0]) {
                    case "min" -> minimum = new BigDecimal(pair[1]);
                    case "services" -> services = List.of(pair[1].split(","));
                    case "required" -> required = List.of(pair[1].split(","));
                    case "scope" -> configured = Scope.parse(pair[1]).orElseThrow();
                    default -> throw new IllegalArgumentException("setting " + setting);
                }
            }
            return VerifyRequest.forKey(
                    "env:GIGACHAT_CREDENTIALS",
                    "the environment variable GIGACHAT_CREDENTIALS",
                    null,
                    "[no key help]",
                    configured,
                    required,
                    services,
                    minimum,
                    probe,
                    "Embeddings");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A failure of the token exchange that proves nothing about the key. */
    private static final class Failure extends GigaChatException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }
}
