package io.github.gigachat.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.Fault;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier against the emulator over HTTP: which answers become which evidence, how many requests it takes, and
 * that nothing secret reaches the result. What each piece of evidence proves is {@link VerifyPolicyTest}'s table.
 */
class VerifierTest {
    private static final String FROM_ENV = "the environment variable GIGACHAT_CREDENTIALS";
    private static final EmulatorAccount REVOKED = EmulatorAccount.prepaid(
                    "11111111-2222-4333-8444-555555555555",
                    "revoked-secret-0001",
                    "GIGACHAT_API_PERS",
                    Map.of("embeddings", 100L))
            .revoked();
    private static final EmulatorAccount CHAT_ONLY = EmulatorAccount.prepaid(
                    "11111111-2222-4333-8444-666666666666",
                    "chat-only-secret-01",
                    "GIGACHAT_API_PERS",
                    Map.of("embeddings", 100L))
            .withModels(List.of("GigaChat"));

    /** A personal key whose /balance answers 403 like a pay-as-you-go account's: that proves nothing for PERS. */
    private static final EmulatorAccount PERS_FORBIDDEN_BALANCE =
            EmulatorAccount.postpaid("11111111-2222-4333-8444-777777777777", "pers-403-secret-01", "GIGACHAT_API_PERS");

    private static final EmulatorAccount CHAT_PACKAGE_ONLY = EmulatorAccount.prepaid(
            "11111111-2222-4333-8444-888888888888",
            "chat-package-secret",
            "GIGACHAT_API_B2B",
            Map.of("GigaChat", 100L));
    private static final EmulatorAccount NO_PACKAGES = EmulatorAccount.prepaid(
            "11111111-2222-4333-8444-999999999999", "no-packages-secret1", "GIGACHAT_API_PERS", Map.of());
    private static final EmulatorAccount NO_MODELS = EmulatorAccount.prepaid(
                    "11111111-2222-4333-8444-aaaaaaaaaaaa",
                    "no-models-secret-01",
                    "GIGACHAT_API_PERS",
                    Map.of("embeddings", 100L))
            .withModels(List.of());

    private GigaChatEmulator emulator;
    private GigaChatClient client;
    private final SecretMasker masker = new SecretMasker();

    @BeforeEach
    void start() throws IOException {
        emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .account(REVOKED)
                .account(CHAT_ONLY)
                .account(PERS_FORBIDDEN_BALANCE)
                .account(CHAT_PACKAGE_ONLY)
                .account(NO_PACKAGES)
                .account(NO_MODELS)
                .start();
        client = GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(emulator.authUrl())
                        .baseUrl(emulator.baseUrl())
                        .sleeper(d -> {})
                        .build(),
                masker);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private VerifyResult verify(String key, Scope scope) {
        return verify(key, scope, List.of(), false, BigDecimal.ONE);
    }

    private VerifyResult verify(String key, Scope scope, List<String> requiredModels, boolean probe, BigDecimal min) {
        VerifyRequest request = VerifyRequest.forKey(
                key == null ? null : "env:GIGACHAT_CREDENTIALS",
                FROM_ENV,
                key,
                "Set the environment variable GIGACHAT_CREDENTIALS.",
                scope,
                requiredModels,
                List.of("embeddings"),
                min,
                probe,
                "Embeddings");
        return new Verifier(client, masker, Clock.systemUTC(), true, new TestAdvice()).verify(request);
    }

    private static Check check(VerifyResult result, String name) {
        return result.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + result.checks()));
    }

    @Test
    void aPaidPersonalKeyIsValidPaidWithOneTokenFromOneRoundOfTokenRequests() {
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null);

        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(result.scope()).isEqualTo("GIGACHAT_API_PERS");
        assertThat(result.balance()).containsEntry("embeddings", new BigDecimal(1_000_000));
        assertThat(result.models()).contains("Embeddings", "GigaChat");
        assertThat(result.keyFingerprint()).matches("sha256:[0-9a-f]{12}");
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(3); // auto: the three scopes at once
        assertThat(emulator.issuedTokens()).hasSize(1);
        assertThat(emulator.stats().requests(Endpoint.MODELS)).isEqualTo(1);
        assertThat(emulator.stats().requests(Endpoint.BALANCE)).isEqualTo(1);
    }

    @Test
    void autoScopeFindsABusinessKeysOwnScope() {
        VerifyResult result = verify(EmulatorAccount.DEMO_B2B_PAID.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(result.scope()).isEqualTo("GIGACHAT_API_B2B");
        assertThat(check(result, "token").message()).contains("[pin GIGACHAT_API_B2B]");
    }

    @Test
    void aConfiguredScopeIsUsedDirectly() {
        VerifyResult result = verify(EmulatorAccount.DEMO_B2B_PAID.authorizationKey(), Scope.B2B);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(1);
    }

    @Test
    void aWrongScopeIsInvalidAndNamesTheKeysRealScope() {
        VerifyResult result = verify(EmulatorAccount.DEMO_B2B_PAID.authorizationKey(), Scope.PERS);
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.summary()).isEqualTo("[token WrongScope:GIGACHAT_API_B2B from " + FROM_ENV + "]");
        assertThat(result.scope()).as("the key's own scope").isEqualTo("GIGACHAT_API_B2B");
        assertThat(check(result, "token").raises()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void aPostpaidAccountIsValidPostpaidWithANote() {
        VerifyResult result = verify(EmulatorAccount.DEMO_CORP_POSTPAID.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_POSTPAID);
        assertThat(check(result, "balance:embeddings").status()).isEqualTo(Check.Status.WARN);
        assertThat(result.summary()).contains("pay-as-you-go").contains("[probe]");
        assertThat(result.raised()).isEmpty();
    }

    @Test
    void aSuccessfulProbeProvesPaymentOfAPostpaidAccount() {
        VerifyResult result =
                verify(EmulatorAccount.DEMO_CORP_POSTPAID.authorizationKey(), null, List.of(), true, BigDecimal.ONE);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(check(result, "probe:embeddings").status()).isEqualTo(Check.Status.PASS);
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(1);
    }

    @Test
    void anEmptyPrepaidBalanceIsValidUnpaidAndSaysWhatToBuy() {
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_UNPAID);
        assertThat(result.summary())
                .contains("embeddings balance is 0 tokens")
                .contains("[buy embeddings for GIGACHAT_API_PERS]");
    }

    @Test
    void aProbeAnswered402IsValidUnpaid() {
        emulator.injectFault(
                Fault.on(Endpoint.EMBEDDINGS).status(402, "{\"status\":402,\"message\":\"Payment Required\"}"));
        VerifyResult result =
                verify(EmulatorAccount.DEMO_CORP_POSTPAID.authorizationKey(), null, List.of(), true, BigDecimal.ONE);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_UNPAID);
        assertThat(check(result, "probe:embeddings").message()).contains("402");
    }

    @Test
    void aBalanceBelowTheMinimumIsValidUnpaid() {
        VerifyResult result = verify(
                EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null, List.of(), false, new BigDecimal(2_000_000));
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_UNPAID);
        assertThat(result.summary()).contains("below [min 2000000]");
    }

    @Test
    void aSuccessfulProbeIsPaidEvenBelowTheMinimumBalance() {
        VerifyResult result = verify(
                EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null, List.of(), true, new BigDecimal(2_000_000));
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(check(result, "balance:embeddings").status()).isEqualTo(Check.Status.WARN);
        assertThat(check(result, "probe:embeddings").status()).isEqualTo(Check.Status.PASS);
    }

    @Test
    void anHtml403FromAProxyIsUnknownNotPostpaid() {
        emulator.injectFault(Fault.on(Endpoint.BALANCE).status(403, "<html>Forbidden by proxy</html>"));
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aRevokedKeyIsInvalid() {
        VerifyResult result = verify(REVOKED.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.summary()).isEqualTo("[token Rejected from " + FROM_ENV + "]");
        assertThat(result.keyFingerprint())
                .isEqualTo(KeyFormat.check(REVOKED.authorizationKey()).key().fingerprint());
    }

    @Test
    void aMissingRequiredModelIsInvalid() {
        VerifyResult result = verify(CHAT_ONLY.authorizationKey(), null, List.of("Embeddings"), false, BigDecimal.ONE);
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(check(result, "required-models").message()).contains("[Embeddings]");
    }

    @Test
    void presentRequiredModelsPass() {
        VerifyResult result = verify(
                EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null, List.of("embeddings"), false, BigDecimal.ONE);
        assertThat(check(result, "required-models").status()).isEqualTo(Check.Status.PASS);
    }

    @Test
    void noCredentialsIsInvalidWithHelp() {
        VerifyResult result = verify(null, null);
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.summary()).contains("No GigaChat key found").contains("GIGACHAT_CREDENTIALS");
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    @Test
    void aMalformedKeyFailsBeforeAnyNetworkCall() {
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.secret(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(check(result, "key-format").message()).contains("bare UUID");
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    @Test
    void aServerErrorOnModelsIsUnknownNotValid() {
        emulator.injectFault(Fault.on(Endpoint.MODELS).times(4).status(500, "{\"status\":500,\"message\":\"oops\"}"));
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(check(result, "models").message()).contains("500");
    }

    @Test
    void anHtmlBalancePageIsUnknownNotValid() {
        emulator.injectFault(Fault.on(Endpoint.BALANCE).html());
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(check(result, "balance:embeddings").message()).contains("HTML page");
    }

    @Test
    void anEmptyOrMisshapenModelsAnswerIsUnknown() {
        emulator.injectFault(Fault.on(Endpoint.MODELS).unexpectedShape());
        assertThat(verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null)
                        .outcome())
                .isEqualTo(Outcome.UNKNOWN);
        emulator.injectFault(Fault.on(Endpoint.MODELS).emptyBody());
        assertThat(verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null)
                        .outcome())
                .isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void persistentThrottlingOfTheTokenEndpointIsUnknown() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH).times(4).status(429, "{}"));
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), Scope.PERS);
        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(4);
    }

    @Test
    void aBalance402IsValidUnpaid() {
        emulator.injectFault(
                Fault.on(Endpoint.BALANCE).status(402, "{\"status\":402,\"message\":\"Payment Required\"}"));
        assertThat(verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null)
                        .outcome())
                .isEqualTo(Outcome.VALID_UNPAID);
    }

    @Test
    void aPersonalKeyWhoseBalanceIsForbiddenIsUnknownAndAdvisesTheProbe() {
        VerifyResult result = verify(PERS_FORBIDDEN_BALANCE.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(check(result, "balance:embeddings").message())
                .contains("403")
                .contains("GIGACHAT_API_PERS")
                .contains("[probe]");
    }

    @Test
    void theProbeProvesPaymentWhereAPersonal403CannotTell() {
        VerifyResult result = verify(PERS_FORBIDDEN_BALANCE.authorizationKey(), null, List.of(), true, BigDecimal.ONE);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(check(result, "balance:embeddings").status()).isEqualTo(Check.Status.WARN);
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(1);
    }

    @Test
    void aServiceAbsentFromTheBalanceIsNeverPaidWhateverTheMinimum() {
        VerifyResult result = verify(CHAT_PACKAGE_ONLY.authorizationKey(), null, List.of(), false, BigDecimal.ZERO);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_UNPAID);
        assertThat(result.balance()).containsOnlyKeys("GigaChat");
        assertThat(check(result, "balance:embeddings").message()).contains("no 'embeddings' package");
    }

    @Test
    void anEmptyBalanceListIsUnknown() {
        VerifyResult result = verify(NO_PACKAGES.authorizationKey(), null, List.of(), false, BigDecimal.ZERO);
        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(check(result, "balance:embeddings").raises()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void anEmptyModelListIsUnknown() {
        VerifyResult result = verify(NO_MODELS.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(check(result, "models").status()).isEqualTo(Check.Status.FAIL);
        assertThat(check(result, "balance:embeddings").status()).isEqualTo(Check.Status.PASS);
    }

    @Test
    void a402WithoutTheApisBodyIsUnknownNotUnpaid() {
        emulator.injectFault(Fault.on(Endpoint.BALANCE).status(402, "<html>Pay the hotel wifi</html>"));
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(check(result, "balance:embeddings").raises()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aProbe402WithoutTheApisBodyIsUnknown() {
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).status(402, "<html>Pay the hotel wifi</html>"));
        VerifyResult result =
                verify(EmulatorAccount.DEMO_CORP_POSTPAID.authorizationKey(), null, List.of(), true, BigDecimal.ONE);
        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(check(result, "probe:embeddings").raises()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aProbe402OverridesABalanceThatLooksFine() {
        emulator.injectFault(
                Fault.on(Endpoint.EMBEDDINGS).status(402, "{\"status\":402,\"message\":\"Payment Required\"}"));
        VerifyResult result =
                verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null, List.of(), true, BigDecimal.ONE);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_UNPAID);
        assertThat(check(result, "balance:embeddings").status()).isEqualTo(Check.Status.WARN);
    }

    @Test
    void aFailedModelListIsKeptBesideAnUnpaidBalance() {
        emulator.injectFault(Fault.on(Endpoint.MODELS).times(4).status(500, "{\"status\":500,\"message\":\"oops\"}"));
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_UNPAID);
        assertThat(result.raised()).containsExactlyInAnyOrder(Outcome.VALID_UNPAID, Outcome.UNKNOWN);
        assertThat(result.fatal(false, true)).containsExactly(Outcome.UNKNOWN);
    }

    @Test
    void aMalformedKeyIsNamedByTheFingerprintOfTheValueAsFound() throws Exception {
        String secret = EmulatorAccount.DEMO_PERS_PAID.secret();
        VerifyResult result = verify(" " + secret + "\n", null);
        String sha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.keyFingerprint()).isEqualTo("sha256:" + sha256.substring(0, 12));
        assertThat(VerifyReports.json(result) + VerifyReports.junitXml(result)).doesNotContain(secret);
    }

    @Test
    void aWellFormedKeyHasTheSameFingerprintAsTheKey() {
        String key = EmulatorAccount.DEMO_PERS_PAID.authorizationKey();
        assertThat(verify(key, null).keyFingerprint())
                .isEqualTo(KeyFormat.check(key).key().fingerprint())
                .isEqualTo(Verifier.fingerprintOf(key + "\n"));
    }

    @Test
    void oauthCode4IsInvalidEvenWhenTheFormatLookedRight() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH)
                .status(400, "{\"code\":4,\"message\":\"Can't decode 'Authorization' header\"}"));
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), Scope.PERS);
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(check(result, "key-format").status()).isEqualTo(Check.Status.PASS);
        assertThat(result.summary()).isEqualTo("[token Malformed from " + FROM_ENV + "]");
    }

    @Test
    void aKeyThatEveryScopeRefusesIsInvalid() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH)
                .times(10)
                .status(400, "{\"code\":7,\"message\":\"scope from db not fully includes consumed scope\"}"));
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), Scope.PERS);
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.summary()).isEqualTo("[token WrongScope:- from " + FROM_ENV + "]");
        assertThat(result.scope()).isNull();
        assertThat(emulator.stats().requests(Endpoint.MODELS)).isZero();
    }

    @Test
    void theResultHoldsNoSecret() {
        VerifyResult result = verify(
                EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null, List.of("Embeddings"), true, BigDecimal.ONE);
        String everything = VerifyReports.json(result) + VerifyReports.junitXml(result);
        assertThat(everything)
                .doesNotContain(EmulatorAccount.DEMO_PERS_PAID.authorizationKey())
                .doesNotContain(EmulatorAccount.DEMO_PERS_PAID.secret());
        assertThat(emulator.issuedTokens()).isNotEmpty().allSatisfy(t -> assertThat(everything)
                .doesNotContain(t));
    }
}
