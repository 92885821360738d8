package io.github.gigachat.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.RetryPolicy;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.client.TokenBroker;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.Fault;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live check against a real server (the emulator on 127.0.0.1): one exchange per key, every scope tried. */
class KeyChecksTest {
    private static final EmulatorAccount B2B = EmulatorAccount.prepaid(
            "2d7f4a90-5c1e-4b3a-8e62-9f0a1b2c3d4e", "b2b-secret-of-the-test", "GIGACHAT_API_B2B", Map.of());
    private static final EmulatorAccount REVOKED = EmulatorAccount.prepaid(
                    "8e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b", "revoked-secret-of-the-test", "GIGACHAT_API_PERS", Map.of())
            .revoked();
    private static final String UNKNOWN_KEY = ScanTestKeys.KEY;
    private static final String DEMO = EmulatorAccount.DEMO_PERS_PAID.authorizationKey();

    private GigaChatEmulator emulator;
    private GigaChatClient client;
    private final SecretMasker masker = new SecretMasker();

    @BeforeEach
    void start() throws IOException {
        emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .account(B2B)
                .account(REVOKED)
                .start();
        client = GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(emulator.authUrl())
                        .baseUrl(emulator.baseUrl())
                        .retryPolicy(RetryPolicy.NONE)
                        .build(),
                masker,
                new TokenBroker());
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private Map<String, Verdict> check(String... keys) {
        return new KeyChecks(Set.of(DEMO), masker).check(List.of(keys), key -> client.exchange(key, null), null);
    }

    private long oauthRequests() {
        return emulator.stats().requests(Endpoint.OAUTH);
    }

    @Test
    void aWorkingKeyIsActiveWithItsOwnScope() {
        Verdict verdict = check(B2B.authorizationKey()).get(B2B.authorizationKey());
        assertThat(verdict.status()).isEqualTo(KeyStatus.ACTIVE);
        assertThat(verdict.scope()).isEqualTo(Scope.B2B);
        assertThat(oauthRequests()).isEqualTo(3);
    }

    @Test
    void revokedAndUnknownKeysAreInactive() {
        Map<String, Verdict> verdicts = check(REVOKED.authorizationKey(), UNKNOWN_KEY);
        assertThat(verdicts.values())
                .extracting(Verdict::status)
                .containsExactly(KeyStatus.INACTIVE, KeyStatus.INACTIVE);
        assertThat(verdicts.get(UNKNOWN_KEY).detail()).contains("code 6");
    }

    @Test
    void demoKeysAreNeverSent() {
        Map<String, Verdict> verdicts = check(DEMO, EmulatorAccount.DEMO_PERS_PAID.authorizationKey());
        assertThat(verdicts).hasSize(1);
        assertThat(verdicts.get(DEMO).status()).isEqualTo(KeyStatus.DEMO);
        assertThat(oauthRequests()).isZero();
    }

    @Test
    void withoutALiveCheckEveryKeyButTheDemoKeysIsUnverified() {
        Map<String, Verdict> verdicts = new KeyChecks(Set.of(DEMO), masker)
                .check(List.of(B2B.authorizationKey(), DEMO), null, "Maven is offline (-o)");
        assertThat(verdicts.get(B2B.authorizationKey()))
                .isEqualTo(new Verdict(KeyStatus.UNVERIFIED, null, "not checked: Maven is offline (-o)"));
        assertThat(verdicts.get(DEMO).status()).isEqualTo(KeyStatus.DEMO);
        assertThat(oauthRequests()).isZero();
    }

    @Test
    void aServerErrorIsUnknownNeverInactive() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH)
                .status(503, "{\"code\":0,\"message\":\"busy\"}")
                .times(3));
        Verdict verdict = check(B2B.authorizationKey()).get(B2B.authorizationKey());
        assertThat(verdict.status()).isEqualTo(KeyStatus.UNKNOWN);
        assertThat(verdict.detail()).contains("could not finish").contains("503");
    }

    @Test
    void code4ForAKeyOfTheRightFormIsUnknown() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH)
                .status(400, "{\"code\":4,\"message\":\"Can't decode 'Authorization' header\"}")
                .times(3));
        assertThat(check(UNKNOWN_KEY).get(UNKNOWN_KEY).status()).isEqualTo(KeyStatus.UNKNOWN);
    }

    @Test
    void code7ForEveryScopeIsUnknown() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH)
                .status(400, "{\"code\":7,\"message\":\"scope from db not fully includes consumed scope\"}")
                .times(3));
        Verdict verdict = check(UNKNOWN_KEY).get(UNKNOWN_KEY);
        assertThat(verdict.status()).isEqualTo(KeyStatus.UNKNOWN);
        assertThat(verdict.detail()).contains("every scope");
    }

    @Test
    void noDetailEverHoldsTheKeyOrItsSecret() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH)
                .status(500, "{\"code\":0,\"message\":\"echo " + B2B.authorizationKey() + " " + B2B.secret() + "\"}")
                .times(3));
        Verdict verdict = check(B2B.authorizationKey()).get(B2B.authorizationKey());
        assertThat(verdict.status()).isEqualTo(KeyStatus.UNKNOWN);
        assertThat(verdict.detail()).doesNotContain(B2B.authorizationKey()).doesNotContain(B2B.secret());
    }

    @Test
    void eachDistinctKeyIsExchangedOnce() {
        check(B2B.authorizationKey(), UNKNOWN_KEY, B2B.authorizationKey());
        assertThat(oauthRequests()).isEqualTo(6);
    }
}
