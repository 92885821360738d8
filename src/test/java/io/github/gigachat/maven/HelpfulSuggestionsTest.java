package io.github.gigachat.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.client.AuthorizationKey;
import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.client.TestCertificates;
import io.github.gigachat.client.TlsException;
import io.github.gigachat.client.TokenOutcome;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.Fault;
import io.github.gigachat.emulator.GigaChatEmulator;
import io.github.gigachat.verify.Check;
import io.github.gigachat.verify.Outcome;
import io.github.gigachat.verify.VerifyResult;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The words of the plugin. Token outcomes come from a real exchange with the emulator over HTTP wherever the emulator
 * can produce them, so the sentences are tested against the errors users will really see.
 */
class HelpfulSuggestionsTest {
    private static final String WHERE = "the <password> of <server> gigachat in settings.xml";
    private static final EmulatorAccount REVOKED = EmulatorAccount.prepaid(
                    "11111111-2222-4333-8444-555555555555",
                    "revoked-secret-0001",
                    "GIGACHAT_API_PERS",
                    Map.of("embeddings", 100L))
            .revoked();

    private final HelpfulSuggestions suggestions = new HelpfulSuggestions();
    private GigaChatEmulator emulator;

    @BeforeEach
    void start() throws IOException {
        emulator = GigaChatEmulator.builder().demoAccounts().account(REVOKED).start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private TokenOutcome exchange(EmulatorAccount account, URI authUrl) {
        ClientConfig config = ClientConfig.builder()
                .authUrl(authUrl)
                .baseUrl(emulator.baseUrl())
                .sleeper(d -> {})
                .build();
        try (GigaChatClient client = GigaChatClient.create(config, new SecretMasker())) {
            return client.exchange(key(account), null);
        }
    }

    private TokenOutcome exchange(EmulatorAccount account) {
        return exchange(account, emulator.authUrl());
    }

    private static AuthorizationKey key(EmulatorAccount account) {
        return KeyFormat.check(account.authorizationKey()).key();
    }

    private String words(TokenOutcome outcome) {
        String text = suggestions.forTokenOutcome(outcome, WHERE);
        assertThat(text)
                .doesNotContain(EmulatorAccount.DEMO_PERS_PAID.authorizationKey())
                .doesNotContain(EmulatorAccount.DEMO_PERS_PAID.secret());
        return text;
    }

    @Test
    void oauthCode4SaysToCopyTheAuthorizationKeyNotTheSecret() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH)
                .times(3) // scope auto asks all three at once
                .status(400, "{\"code\":4,\"message\":\"Can't decode 'Authorization' header\"}"));
        TokenOutcome outcome = exchange(EmulatorAccount.DEMO_PERS_PAID);

        assertThat(outcome).isInstanceOf(TokenOutcome.Malformed.class);
        assertThat(words(outcome))
                .contains("cannot decode the key from " + WHERE)
                .contains("Can't decode 'Authorization' header")
                .contains("Copy the Authorization Key from the Sber developer studio")
                .contains("not the client secret");
    }

    @Test
    void anUnknownOrRevokedKeyNeedsANewKey() {
        TokenOutcome outcome = exchange(REVOKED);

        assertThat(outcome).isInstanceOf(TokenOutcome.Rejected.class);
        assertThat(words(outcome))
                .contains("does not recognise the key from " + WHERE)
                .contains("unknown or was revoked")
                .contains("Create a new key");
    }

    @Test
    void aKeyOfAnotherScopeNamesItsScopeAndTheSetting() {
        TokenOutcome outcome = new TokenOutcome.WrongScope(Scope.PERS, Optional.of(Scope.B2B), null);

        assertThat(words(outcome))
                .isEqualTo("The key from " + WHERE + " belongs to scope GIGACHAT_API_B2B (businesses, prepaid"
                        + " packages), not GIGACHAT_API_PERS as gigachat.scope says. Set"
                        + " -Dgigachat.scope=GIGACHAT_API_B2B (or the environment variable GIGACHAT_SCOPE), or"
                        + " -Dgigachat.scope=auto.");
    }

    @Test
    void aKeyThatEveryScopeRefusesPointsAtTheProject() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH)
                .times(3)
                .status(400, "{\"code\":7,\"message\":\"scope from db not fully includes consumed scope\"}"));
        TokenOutcome outcome = exchange(EmulatorAccount.DEMO_PERS_PAID);

        assertThat(outcome).isInstanceOf(TokenOutcome.WrongScope.class);
        assertThat(words(outcome)).contains("refused for every scope").contains("GIGACHAT_API_CORP");
    }

    @Test
    void throttlingSaysWhenToTryAgain() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH).times(100).status(429, "{}"));
        TokenOutcome outcome = exchange(EmulatorAccount.DEMO_PERS_PAID);

        assertThat(outcome).isInstanceOf(TokenOutcome.Transient.class);
        assertThat(words(outcome))
                .startsWith("The token exchange could not finish: POST /api/v2/oauth answered HTTP 429")
                .contains("Nothing is known yet about the credentials from " + WHERE)
                .contains("try again in a minute");
    }

    @Test
    void aServerErrorSaysTryAgainLater() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH).times(100).status(503, "{}"));
        assertThat(words(exchange(EmulatorAccount.DEMO_PERS_PAID)))
                .contains("503")
                .endsWith("Try again later.");
    }

    @Test
    void anHtmlPageSaysSomethingElseAnswered() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH).times(3).html());
        assertThat(words(exchange(EmulatorAccount.DEMO_PERS_PAID)))
                .contains("HTML page")
                .contains("Something other than GigaChat's OAuth endpoint answered")
                .contains("gigachat.authUrl");
    }

    @Test
    void anUntrustedChainSaysHowToTrustTheCa() throws Exception {
        try (GigaChatEmulator https = GigaChatEmulator.builder()
                .demoAccounts()
                .https(TestCertificates.generate().serverContext)
                .start()) {
            TokenOutcome outcome = exchange(EmulatorAccount.DEMO_PERS_PAID, https.authUrl());

            assertThat(outcome)
                    .isInstanceOfSatisfying(TokenOutcome.Transient.class, failed -> assertThat(failed.cause())
                            .isInstanceOf(TlsException.class));
            assertThat(words(outcome))
                    .contains("PKIX")
                    .contains("-Dgigachat.caBundleFile=")
                    .contains("GIGACHAT_CA_BUNDLE_FILE")
                    .contains("keytool")
                    .endsWith("Only as a last resort: -Dgigachat.insecure=true turns verification off.");
        }
    }

    @Test
    void noServerSaysCheckTheNetwork() {
        URI closed = emulator.authUrl();
        emulator.close();
        assertThat(words(exchange(EmulatorAccount.DEMO_PERS_PAID, closed)))
                .contains("Check the network, the settings.xml <proxies> and gigachat.authUrl");
    }

    @Test
    void anIssuedTokenNamesTheScope() {
        assertThat(words(exchange(EmulatorAccount.DEMO_B2B_PAID)))
                .isEqualTo("The key from " + WHERE + " works for scope GIGACHAT_API_B2B.");
    }

    // ------------------------------------------------------------------------------------------ the build decision

    private static VerifyResult unpaidAndUnknown() {
        return new VerifyResult(
                Outcome.VALID_UNPAID,
                "embeddings balance is 0 tokens.",
                "GIGACHAT_API_PERS",
                "env:GIGACHAT_CREDENTIALS",
                "sha256:0123456789ab",
                List.of(
                        new Check("models", Check.Status.FAIL, "The model list could not be read.", Outcome.UNKNOWN),
                        new Check(
                                "balance:embeddings",
                                Check.Status.FAIL,
                                "embeddings balance is 0 tokens.",
                                Outcome.VALID_UNPAID)),
                Map.of(),
                List.of(),
                0,
                false,
                false,
                List.of());
    }

    @Test
    void aFailureNamesEveryOutcomeThatFailsTheBuild() {
        assertThat(suggestions.forBuildFailure(unpaidAndUnknown(), EnumSet.of(Outcome.VALID_UNPAID, Outcome.UNKNOWN)))
                .isEqualTo("GigaChat key check: VALID_UNPAID. embeddings balance is 0 tokens. Also UNKNOWN from"
                        + " models: The model list could not be read. -Dgigachat.failOnUnknown=false lets the build"
                        + " pass while the check cannot finish.");
    }

    @Test
    void aFailureBesideAToleratedOutcomeStillLeadsWithTheOutcomeWord() {
        assertThat(suggestions.forBuildFailure(unpaidAndUnknown(), EnumSet.of(Outcome.UNKNOWN)))
                .startsWith("GigaChat key check: VALID_UNPAID. Also UNKNOWN from models:")
                .doesNotContain("balance is 0");
    }

    @Test
    void aToleratedOutcomeSaysWhyTheBuildGoesOn() {
        assertThat(suggestions.forTolerated(unpaidAndUnknown(), Outcome.VALID_UNPAID))
                .isEqualTo("GigaChat key check: VALID_UNPAID (balance:embeddings). embeddings balance is 0 tokens."
                        + " The build goes on because gigachat.failOnUnpaid=false.");
    }
}
