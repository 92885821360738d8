package io.github.gigachat.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classified, shared token exchange against the emulator over HTTP. */
class TokenBrokerTest {
    private final SecretMasker masker = new SecretMasker();
    private final List<Duration> waits = new ArrayList<>();
    private final TokenBroker broker = new TokenBroker();
    private final List<GigaChatClient> clients = new ArrayList<>();
    private GigaChatEmulator emulator;

    @BeforeEach
    void start() throws IOException {
        emulator = GigaChatEmulator.builder().demoAccounts().start();
    }

    @AfterEach
    void stop() {
        clients.forEach(GigaChatClient::close);
        emulator.close();
    }

    private GigaChatClient client(Clock clock) {
        GigaChatClient client = GigaChatClient.create(
                toEmulator().clock(clock).sleeper(waits::add).build(), masker, broker);
        clients.add(client);
        return client;
    }

    /** A client configuration pointing at this test's emulator. */
    private ClientConfig.Builder toEmulator() {
        return ClientConfig.builder().authUrl(emulator.authUrl()).baseUrl(emulator.baseUrl());
    }

    private GigaChatClient client() {
        return client(Clock.systemUTC());
    }

    private static AuthorizationKey key(EmulatorAccount account) {
        return KeyFormat.check(account.authorizationKey()).key();
    }

    private long tokenRequests() {
        return emulator.stats().requests(Endpoint.OAUTH);
    }

    @ParameterizedTest
    @CsvSource({"PERS", "B2B", "CORP"})
    void autoFindsTheKeysOwnScopeWithOneRequestPerScope(Scope scope) {
        EmulatorAccount account =
                switch (scope) {
                    case PERS -> EmulatorAccount.DEMO_PERS_PAID;
                    case B2B -> EmulatorAccount.DEMO_B2B_PAID;
                    case CORP -> EmulatorAccount.DEMO_CORP_POSTPAID;
                };
        TokenOutcome outcome = client().exchange(key(account), null);

        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Issued.class, issued -> assertThat(issued.scope())
                .isEqualTo(scope));
        assertThat(tokenRequests()).isEqualTo(3);
    }

    @Test
    void aConfiguredScopeCostsOneRequest() {
        TokenOutcome outcome = client().exchange(key(EmulatorAccount.DEMO_B2B_PAID), Scope.B2B);

        assertThat(outcome).isInstanceOf(TokenOutcome.Issued.class);
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void aWrongConfiguredScopeNamesTheKeysRealScope() {
        TokenOutcome outcome = client().exchange(key(EmulatorAccount.DEMO_PERS_PAID), Scope.CORP);

        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.WrongScope.class, wrong -> {
            assertThat(wrong.configured()).isEqualTo(Scope.CORP);
            assertThat(wrong.actual()).contains(Scope.PERS);
            assertThat(wrong.cause().code()).contains(7);
        });
        assertThat(tokenRequests()).isEqualTo(3);
    }

    @Test
    void anUnknownKeyIsRejectedForEveryScopeAndAskedOnlyOncePerBuild() {
        AuthorizationKey unknown =
                AuthorizationKey.fromClientCredentials("0b6a1c58-3d4e-4f1a-9c2b-7e8f9a0b1c2d", "not-in-the-emulator");
        TokenOutcome first = client().exchange(unknown, null);
        TokenOutcome again = client().exchange(unknown, Scope.PERS);

        assertThat(first).isInstanceOfSatisfying(TokenOutcome.Rejected.class, rejected -> assertThat(
                        rejected.cause().code())
                .contains(6));
        assertThat(again).isSameAs(first);
        assertThat(tokenRequests()).isEqualTo(3);
    }

    @Test
    void aRevokedKeyIsRejected() {
        EmulatorAccount revoked = EmulatorAccount.prepaid(
                        "0b6a1c58-3d4e-4f1a-9c2b-7e8f9a0b1c2d",
                        "c0ffee00-aaaa-bbbb-cccc-1234567890ab",
                        "GIGACHAT_API_B2B",
                        java.util.Map.of("embeddings", 10L))
                .revoked();
        emulator.addAccount(revoked);

        assertThat(client().exchange(key(revoked), Scope.B2B)).isInstanceOf(TokenOutcome.Rejected.class);
    }

    @Test
    void oneTokenServesEveryClientAndThreadOfTheBuild() throws Exception {
        AuthorizationKey key = key(EmulatorAccount.DEMO_B2B_PAID);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TokenOutcome>> answers = new ArrayList<>();
            for (int module = 0; module < 30; module++) {
                GigaChatClient client = client();
                Scope configured = module % 2 == 0 ? null : Scope.B2B;
                answers.add(pool.submit(() -> client.exchange(key, configured)));
            }
            for (Future<TokenOutcome> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isInstanceOf(TokenOutcome.Issued.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(emulator.issuedTokens()).hasSize(1);
        assertThat(client().session(key, Scope.B2B).models()).isNotEmpty();
        assertThat(emulator.issuedTokens()).hasSize(1);
    }

    @Test
    void aTokenNearExpiryIsRenewedForEveryone() {
        AuthorizationKey key = key(EmulatorAccount.DEMO_PERS_PAID);
        assertThat(client().exchange(key, Scope.PERS)).isInstanceOf(TokenOutcome.Issued.class);
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(29).plusSeconds(30));

        TokenOutcome renewed = client(later).exchange(key, Scope.PERS);
        client().session(key, Scope.PERS).models();

        assertThat(renewed).isInstanceOf(TokenOutcome.Issued.class);
        assertThat(emulator.issuedTokens()).hasSize(2);
    }

    @Test
    void aTokenTheApiRefusesIsReplacedOnceForEveryone() {
        AuthorizationKey key = key(EmulatorAccount.DEMO_PERS_PAID);
        GigaChatSession first = client().session(key, Scope.PERS);
        GigaChatSession second = client().session(key, Scope.PERS);
        first.models();
        emulator.expireAllTokens();

        first.models();
        second.models();

        assertThat(emulator.issuedTokens()).hasSize(2);
    }

    @Test
    void tokensLearnedFromTheBrokerAreMaskedByEveryClient() {
        AuthorizationKey key = key(EmulatorAccount.DEMO_PERS_PAID);
        client().exchange(key, null);
        SecretMasker other = new SecretMasker();
        GigaChatClient second = GigaChatClient.create(toEmulator().build(), other, broker);
        clients.add(second);
        second.exchange(key, null);

        String token = emulator.issuedTokens().get(0);
        assertThat(other.mask("token " + token)).isEqualTo("token ****");
    }

    @Test
    void everyTokenRequestWaitsForItsSlotUnderTheEndpointsLimit() {
        Instant frozen = Instant.now();
        List<Duration> limiterWaits = new ArrayList<>();
        RequestRateLimiter limiter = new RequestRateLimiter(
                10, Duration.ofMillis(1200), Clock.fixed(frozen, ZoneOffset.UTC), limiterWaits::add);
        for (int i = 0; i < 4; i++) {
            limitedClient(limiter).exchange(unknownKey(i), null);
        }
        // 12 requests at one frozen instant: the last two are told to wait for the next window
        assertThat(limiterWaits).containsExactly(Duration.ofMillis(1200), Duration.ofMillis(1200));
    }

    @Test
    void twelveTokenRequestsAtOnceStayUnderTheEndpointsTenPerSecond() throws Exception {
        RequestRateLimiter limiter = RequestRateLimiter.forOAuth(emulator.authUrl());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<TokenOutcome>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                AuthorizationKey key = unknownKey(i);
                GigaChatClient client = limitedClient(limiter);
                answers.add(pool.submit(() -> client.exchange(key, null)));
            }
            for (Future<TokenOutcome> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isInstanceOf(TokenOutcome.Rejected.class);
            }
        } finally {
            pool.shutdownNow();
        }
        // the emulator answers 429 to an 11th token request within any one second, as the real endpoint does
        assertThat(tokenRequests()).isEqualTo(12);
        assertThat(emulator.stats().oauthTooManyRequests()).isZero();
        assertThat(emulator.stats().maxOAuthRequestsPerSecond()).isLessThanOrEqualTo(10);
    }

    private GigaChatClient limitedClient(RequestRateLimiter limiter) {
        GigaChatClient client = GigaChatClient.create(
                toEmulator().oauthLimiter(limiter).retryPolicy(RetryPolicy.NONE).build(), masker);
        clients.add(client);
        return client;
    }

    private static AuthorizationKey unknownKey(int i) {
        return AuthorizationKey.fromClientCredentials(
                "0b6a1c58-3d4e-4f1a-9c2b-7e8f9a0b1c2" + i, "s" + i + "ecret-value");
    }

    /** A stub OAuth endpoint that answers only when all three scopes have asked: proves they are asked at once. */
    @Test
    void theScopesOfAutoAreAskedAtOnce() throws Exception {
        CyclicBarrier allThree = new CyclicBarrier(3);
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        stub.setExecutor(handlers);
        stub.createContext("/api/v2/oauth", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String body;
            int status;
            try {
                allThree.await(10, TimeUnit.SECONDS);
                status = form.contains("CORP") ? 200 : 400;
                body = status == 200
                        ? "{\"access_token\":\"stub-token-value\",\"expires_at\":"
                                + (System.currentTimeMillis() + 1_800_000) + "}"
                        : "{\"code\":7,\"message\":\"scope from db not fully includes consumed scope\"}";
            } catch (Exception e) {
                status = 409; // not retried: a sequential exchange ends here
                body = "{\"code\":0,\"message\":\"the three scopes were not asked at once\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stub.start();
        try (GigaChatClient client = GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(URI.create(
                                "http://127.0.0.1:" + stub.getAddress().getPort() + "/api/v2/oauth"))
                        .baseUrl(URI.create(
                                "http://127.0.0.1:" + stub.getAddress().getPort() + "/api/v1"))
                        .build(),
                masker)) {
            TokenOutcome outcome = client.exchange(key(EmulatorAccount.DEMO_CORP_POSTPAID), null);
            assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Issued.class, issued -> assertThat(issued.scope())
                    .isEqualTo(Scope.CORP));
        } finally {
            stub.stop(0);
            handlers.shutdownNow();
        }
    }
}
