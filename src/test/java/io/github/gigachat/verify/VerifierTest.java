package io.github.gigachat.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.Fault;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifierTest {
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

    private GigaChatEmulator emulator;
    private GigaChatClient client;
    private final SecretMasker masker = new SecretMasker();

    @BeforeEach
    void start() throws IOException {
        emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .account(REVOKED)
                .account(CHAT_ONLY)
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
        VerifyRequest request = new VerifyRequest(
                key == null ? null : "env:GIGACHAT_CREDENTIALS",
                "the environment variable GIGACHAT_CREDENTIALS",
                key,
                "Set the environment variable GIGACHAT_CREDENTIALS.",
                scope,
                requiredModels,
                List.of("embeddings"),
                min,
                probe,
                "Embeddings");
        return new Verifier(client, masker, Clock.systemUTC(), true).verify(request);
    }

    private static Check check(VerifyResult result, String name) {
        return result.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + result.checks()));
    }

    @Test
    void aPaidPersonalKeyIsValidPaidWithOneTokenRequest() {
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null);

        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(result.scope()).isEqualTo("GIGACHAT_API_PERS");
        assertThat(result.balance()).containsEntry("embeddings", new BigDecimal(1_000_000));
        assertThat(result.models()).contains("Embeddings", "GigaChat");
        assertThat(result.keyFingerprint()).matches("sha256:[0-9a-f]{12}");
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(1);
        assertThat(emulator.stats().requests(Endpoint.MODELS)).isEqualTo(1);
        assertThat(emulator.stats().requests(Endpoint.BALANCE)).isEqualTo(1);
    }

    @Test
    void autoScopeFindsABusinessKeysOwnScope() {
        VerifyResult result = verify(EmulatorAccount.DEMO_B2B_PAID.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(result.scope()).isEqualTo("GIGACHAT_API_B2B");
        assertThat(check(result, "token").message()).contains("found by gigachat.scope=auto");
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
        assertThat(result.summary())
                .contains("belongs to scope GIGACHAT_API_B2B")
                .contains("not GIGACHAT_API_PERS")
                .contains("-Dgigachat.scope=GIGACHAT_API_B2B");
    }

    @Test
    void aPostpaidAccountIsValidPostpaidWithANote() {
        VerifyResult result = verify(EmulatorAccount.DEMO_CORP_POSTPAID.authorizationKey(), null);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_POSTPAID);
        assertThat(check(result, "balance:embeddings").status()).isEqualTo(Check.Status.WARN);
        assertThat(result.summary()).contains("pay-as-you-go").contains("gigachat.probe=true");
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
                .contains("embeddings balance is 0")
                .contains("Buy")
                .contains("gigachat.failOnUnpaid");
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
        assertThat(result.summary()).contains("below gigachat.minBalance=2000000");
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
        assertThat(result.summary()).contains("unknown or was revoked").contains("GIGACHAT_CREDENTIALS");
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
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey(), null);
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
