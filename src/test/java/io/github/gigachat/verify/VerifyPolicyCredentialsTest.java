package io.github.gigachat.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gigachat.client.Balance;
import io.github.gigachat.client.CertificateSetting;
import io.github.gigachat.client.ClientCertificate;
import io.github.gigachat.client.ClientFailures;
import io.github.gigachat.client.Credential;
import io.github.gigachat.client.GigaChatException;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.TokenOutcome;
import io.github.gigachat.verify.Evidence.BalanceAnswer;
import io.github.gigachat.verify.Evidence.Certificate;
import io.github.gigachat.verify.Evidence.Key;
import io.github.gigachat.verify.Evidence.Models;
import io.github.gigachat.verify.Evidence.Probe;
import io.github.gigachat.verify.Evidence.Token;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verification policy for the credentials beyond the Authorization Key, as a table: the credential, the client
 * certificate's standing, the token step, {@code /models}, {@code /balance}; then the outcome and every check that did
 * not pass ({@code name=STATUS}, or the outcome a failing check raises).
 *
 * <p>Credentials: {@code key} (an Authorization Key, scope PERS), {@code token} (handed over), {@code user}, {@code
 * cert} (the certificate alone). Certificates: {@code none}, {@code valid}, {@code soon} (within the warning window),
 * {@code expired}, {@code future} (not yet valid), {@code unusable} (a file problem). Token: {@code issued}, {@code
 * not-exchanged}, {@code rejected}, {@code transient}, {@code cert-refused} (a TLS alert at the token endpoint). Models:
 * {@code ok}, {@code 401} (the API's JSON), {@code tls-refused} (the server's TLS alert), {@code error}.
 */
class VerifyPolicyCredentialsTest {
    private static final Advice ADVICE = new TestAdvice();
    private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} cert={1} token={2} models={3} balance={4} -> {5}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
        # credential | certificate | token         | models      | balance        | outcome        | checks not passed
        # ----------------------------------------------- the certificate is judged before any call
          key        | valid       | issued        | ok          | embeddings=100 | VALID_PAID     | -
          key        | soon        | issued        | ok          | embeddings=100 | VALID_PAID     | client-certificate=WARN
          key        | expired     | -             | -           | -              | INVALID        | client-certificate=INVALID
          key        | future      | -             | -           | -              | INVALID        | client-certificate=INVALID
          key        | unusable    | -             | -           | -              | INVALID        | client-certificate=INVALID
          cert       | valid       | not-exchanged | ok          | embeddings=100 | VALID_PAID     | token=SKIP
          cert       | soon        | not-exchanged | ok          | embeddings=100 | VALID_PAID     | client-certificate=WARN token=SKIP
          cert       | expired     | -             | -           | -              | INVALID        | client-certificate=INVALID
        # ----------------------------------------------- the server refusing the certificate is INVALID, not UNKNOWN
          key        | valid       | cert-refused  | -           | -              | INVALID        | token=INVALID
          cert       | valid       | not-exchanged | tls-refused | error          | INVALID        | token=SKIP models=INVALID balance:embeddings=UNKNOWN
          cert       | valid       | not-exchanged | 401         | error          | INVALID        | token=SKIP models=INVALID balance:embeddings=UNKNOWN
          key        | valid       | transient     | -           | -              | UNKNOWN        | token=UNKNOWN
        # ----------------------------------------------- an access token handed over
          token      | none        | not-exchanged | ok          | embeddings=100 | VALID_PAID     | token=SKIP
          token      | none        | not-exchanged | 401         | error          | INVALID        | token=SKIP models=INVALID balance:embeddings=UNKNOWN
          token      | none        | not-exchanged | error       | embeddings=100 | UNKNOWN        | token=SKIP models=UNKNOWN
        # ----------------------------------------------- user and password
          user       | none        | issued        | ok          | embeddings=100 | VALID_PAID     | -
          user       | none        | rejected      | -           | -              | INVALID        | token=INVALID
          user       | none        | transient     | -           | -              | UNKNOWN        | token=UNKNOWN
        # ----------------------------------------------- a scope that is not known proves no billing model
          token      | none        | not-exchanged | ok          | 403            | UNKNOWN        | token=SKIP balance:embeddings=UNKNOWN
          user       | none        | issued        | ok          | GigaChat=100   | UNKNOWN        | balance:embeddings=UNKNOWN
          cert       | valid       | not-exchanged | ok          | 402            | VALID_UNPAID   | token=SKIP balance:embeddings=VALID_UNPAID
          user       | none        | issued        | ok          | embeddings=0   | VALID_UNPAID   | balance:embeddings=VALID_UNPAID
        """)
    void decides(
            String credential,
            String certificate,
            String token,
            String models,
            String balance,
            Outcome outcome,
            String notPassed) {
        VerifyPolicy.Verdict verdict = new Row(credential, certificate, token, models, balance).decide();
        assertThat(verdict.outcome()).as("outcome").isEqualTo(outcome);
        String actual = verdict.checks().stream()
                .filter(c -> c.status() != Check.Status.PASS)
                .map(c -> c.name() + "=" + (c.raises() != null ? c.raises() : c.status()))
                .collect(Collectors.joining(" "));
        assertThat(actual.isEmpty() ? "-" : actual).as("checks not passed").isEqualTo(notPassed);
    }

    @Test
    void anExpiredCertificateNamesItsFileSubjectAndDates() {
        Check check = check(new Row("key", "expired", "-", "-", "-").decide(), "client-certificate");
        assertThat(check.message())
                .contains("CN=build-agent", "sha256:aaaabbbbcccc", "/certs/client.pem", "expired on 2027-01-01")
                .contains("valid from 2026-01-01 to 2027-01-01")
                .contains("[fix certificate in the environment variable GIGACHAT_CERT_FILE]");
    }

    @Test
    void aCertificateExpiringSoonSaysWhenAndWhichSetting() {
        Check check =
                check(new Row("cert", "soon", "not-exchanged", "ok", "embeddings=100").decide(), "client-certificate");
        assertThat(check.message()).contains("expires on 2027-01-01, in 10 days", "[warn 30 days]");
    }

    @Test
    void aRefusedAccessTokenSaysTokensAreShortLivedAndWhatToHoldInstead() {
        VerifyPolicy.Verdict verdict = new Row("token", "none", "not-exchanged", "401", "error").decide();
        assertThat(verdict.summary())
                .contains("refused the access token from the environment variable GIGACHAT_ACCESS_TOKEN")
                .contains("[renew token from the environment variable GIGACHAT_ACCESS_TOKEN]");
    }

    @Test
    void aRefusedUserIsNamedWithWhereItCameFrom() {
        VerifyPolicy.Verdict verdict = new Row("user", "none", "rejected", "-", "-").decide();
        assertThat(verdict.summary())
                .contains("/token endpoint refused the user and password")
                .contains("[fix user in the environment variables GIGACHAT_USER and GIGACHAT_PASSWORD]");
    }

    @Test
    void theCredentialAndItsFingerprintAreNamedNeverItsValue() {
        VerifyPolicy.Verdict verdict = new Row("token", "none", "not-exchanged", "ok", "embeddings=100").decide();
        assertThat(check(verdict, "credentials").message())
                .isEqualTo(
                        "Access token found in the environment variable GIGACHAT_ACCESS_TOKEN (sha256:0123456789ab).");
        assertThat(verdict.summary())
                .startsWith("The access token from the environment variable GIGACHAT_ACCESS_TOKEN works and")
                .doesNotContain(Row.TOKEN);
        assertThat(verdict.scope()).isNull();
    }

    @Test
    void evidenceCannotCallWithAnUnusableCertificate() {
        Key good = new Key.WellFormed("sha256:000000000000", "id");
        Certificate expired = Row.certificate("expired");
        assertThatThrownBy(() -> new Evidence(good, expired, new Token.Issued(Scope.PERS), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new Evidence(new Key.GivenToken("sha256:0"), null, new Token.NotExchanged(), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Check check(VerifyPolicy.Verdict verdict, String name) {
        return verdict.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + verdict.checks()));
    }

    /** One row of the table as evidence and a request. */
    private static final class Row {
        static final String TOKEN = "eyJhbGciOiJ.eyJzdWIiOiIx.c2lnbmF0dXJl";

        final VerifyRequest request;
        final Evidence evidence;

        Row(String credential, String certificate, String token, String models, String balance) {
            Credential found =
                    switch (credential) {
                        case "key" ->
                            new Credential.Key(
                                    "env:GIGACHAT_CREDENTIALS", "the environment variable GIGACHAT_CREDENTIALS", "key");
                        case "token" ->
                            new Credential.Token(
                                    "env:GIGACHAT_ACCESS_TOKEN",
                                    "the environment variable GIGACHAT_ACCESS_TOKEN",
                                    TOKEN);
                        case "user" ->
                            new Credential.UserPassword(
                                    "env:GIGACHAT_USER",
                                    "the environment variables GIGACHAT_USER and GIGACHAT_PASSWORD",
                                    "builder",
                                    "canary-password");
                        default ->
                            new Credential.CertificateOnly(
                                    "env:GIGACHAT_CERT_FILE",
                                    "the environment variable GIGACHAT_CERT_FILE",
                                    "sha256:aaaabbbbcccc");
                    };
            CertificateSetting setting = certificate.equals("none")
                    ? null
                    : new CertificateSetting.Unusable(
                            "env:GIGACHAT_CERT_FILE", "the environment variable GIGACHAT_CERT_FILE", "unused");
            request = new VerifyRequest(
                    found,
                    "[help]",
                    setting,
                    Duration.ofDays(30),
                    null,
                    List.of(),
                    List.of("embeddings"),
                    BigDecimal.ONE,
                    false,
                    "Embeddings");
            Key key =
                    switch (credential) {
                        case "key" -> new Key.WellFormed("sha256:0123456789ab", "6f1c2a3e-7b4d-4c5e-9a10-000000000001");
                        case "token" -> new Key.GivenToken("sha256:0123456789ab");
                        case "user" -> new Key.User("sha256:0123456789ab", "builder");
                        default -> new Key.CertificateOnly("sha256:aaaabbbbcccc");
                    };
            Certificate standing = certificate.equals("none") ? null : certificate(certificate);
            Token step = token(token, credential);
            boolean calls = step instanceof Token.Issued || step instanceof Token.NotExchanged;
            evidence = new Evidence(
                    key,
                    standing,
                    step,
                    calls ? models(models) : null,
                    calls ? balance(balance) : null,
                    calls ? Probe.NOT_RUN : null);
        }

        VerifyPolicy.Verdict decide() {
            return VerifyPolicy.decide(request, evidence, ADVICE);
        }

        static Certificate certificate(String cell) {
            ClientCertificate.State state =
                    switch (cell) {
                        case "valid" -> ClientCertificate.State.VALID;
                        case "soon" -> ClientCertificate.State.EXPIRES_SOON;
                        case "expired" -> ClientCertificate.State.EXPIRED;
                        case "future" -> ClientCertificate.State.NOT_YET_VALID;
                        default -> null;
                    };
            if (state == null) {
                return new Certificate.Unusable("Cannot read /certs/client.pem.");
            }
            return new Certificate.Loaded(
                    "/certs/client.pem", "CN=build-agent", "sha256:aaaabbbbcccc", NOT_BEFORE, NOT_AFTER, state, 10);
        }

        private static Token token(String cell, String credential) {
            return switch (cell) {
                case "-" -> null;
                case "issued" -> new Token.Issued(credential.equals("key") ? Scope.PERS : null);
                case "not-exchanged" -> new Token.NotExchanged();
                case "rejected" -> new Token.Refused(new TokenOutcome.Rejected(null));
                case "transient" -> new Token.Refused(new TokenOutcome.Transient(new Failure("connect timed out")));
                case "cert-refused" ->
                    new Token.Refused(new TokenOutcome.Transient(ClientFailures.certificateRefused("bad_certificate")));
                default -> throw new IllegalArgumentException("token cell " + cell);
            };
        }

        private static Models models(String cell) {
            return switch (cell) {
                case "ok" -> new Models.Listed(List.of("Embeddings"));
                case "401" -> new Models.Refused("GET /models answered HTTP 401: Token has expired", false);
                case "tls-refused" -> new Models.Refused("The TLS server refused the client certificate", true);
                case "error" -> new Models.Unreadable("GET /models answered HTTP 500");
                default -> throw new IllegalArgumentException("models cell " + cell);
            };
        }

        private static BalanceAnswer balance(String cell) {
            return switch (cell) {
                case "403" -> new BalanceAnswer.Forbidden("GET /balance answered HTTP 403: Permission denied");
                case "402" -> new BalanceAnswer.PaymentRequired("GET /balance answered HTTP 402: Payment Required");
                case "error" -> new BalanceAnswer.Unreadable("GET /balance answered HTTP 401");
                default -> {
                    String[] pair = cell.split("=");
                    yield new BalanceAnswer.Read(new Balance(Map.of(pair[0], new BigDecimal(pair[1]))));
                }
            };
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
