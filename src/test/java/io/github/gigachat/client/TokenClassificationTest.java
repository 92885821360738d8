package io.github.gigachat.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each answer of the OAuth endpoint is classified: by {@code code} first, by HTTP status second. */
class TokenClassificationTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final List<Duration> waits = new ArrayList<>();
    private GigaChatClient client;
    private final AuthorizationKey key = AuthorizationKey.fromClientCredentials(
            "0b6a1c58-3d4e-4f1a-9c2b-7e8f9a0b1c2d", "c0ffee00-aaaa-bbbb-cccc-1234567890ab");

    @BeforeEach
    void setUp() {
        client = GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(URI.create(server.baseUrl() + "/api/v2/oauth"))
                        .baseUrl(URI.create(server.baseUrl() + "/api/v1"))
                        .sleeper(waits::add)
                        .build(),
                new SecretMasker());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static void oauthAnswers(int status, String body) {
        server.stubFor(post("/api/v2/oauth")
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            400 | {"code":4,"message":"Can't decode 'Authorization' header"}           | Malformed
            401 | {"code":4,"message":"Can't decode 'Authorization' header"}           | Malformed
            401 | {"code":6,"message":"credentials doesn't match db data"}            | Rejected
            401 | {"status":401,"message":"Unauthorized"}                             | Transient
            400 | {"code":7,"message":"scope from db not fully includes consumed scope"} | WrongScope
            401 | {"code":7,"message":"scope from db not fully includes consumed scope"} | WrongScope
            400 | {"code":1,"message":"scope data format invalid"}                    | Transient
            400 | {"code":5,"message":"scope is empty"}                               | Transient
            401 | <html>Login required</html>                                         | Transient
            403 | {"code":6,"message":"forbidden"}                                    | Rejected
            503 | {"message":"Service Unavailable"}                                   | Transient
            429 | {"code":429,"message":"Too many requests"}                          | Transient
            200 | <html>captive portal</html>                                         | Transient
            200 | {"expires_at":1706026848841}                                        | Transient
            """)
    void classifiesEveryAnswerOfAConfiguredScope(int status, String body, String expected) {
        oauthAnswers(status, body);

        TokenOutcome outcome = client.exchange(key, Scope.PERS);

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(expected);
    }

    @Test
    void aKeyEveryScopeRefusesIsAWrongScopeWithoutARealOne() {
        oauthAnswers(400, "{\"code\":7,\"message\":\"scope from db not fully includes consumed scope\"}");

        TokenOutcome outcome = client.exchange(key, null);

        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.WrongScope.class, wrong -> {
            assertThat(wrong.configured()).isNull();
            assertThat(wrong.actual()).isEmpty();
        });
        server.verify(3, postRequestedFor(urlEqualTo("/api/v2/oauth")));
    }

    @Test
    void aRefusedConfiguredScopeWhoseOthersCannotAnswerNamesNoScope() {
        String refusal = "{\"code\":7,\"message\":\"scope from db not fully includes consumed scope\"}";
        server.stubFor(post("/api/v2/oauth")
                .withRequestBody(containing("GIGACHAT_API_PERS"))
                .willReturn(aResponse().withStatus(400).withBody(refusal)));
        server.stubFor(post("/api/v2/oauth")
                .withRequestBody(notContaining("GIGACHAT_API_PERS"))
                .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"Service Unavailable\"}")));

        TokenOutcome outcome = client.exchange(key, Scope.PERS);

        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.WrongScope.class, wrong -> {
            assertThat(wrong.configured()).isEqualTo(Scope.PERS); // refused there; its own scope is not known
            assertThat(wrong.actual()).isEmpty();
        });
    }

    @Test
    void aConfiguredScopeRefusedLikeEveryOtherIsRefusedForEveryScope() {
        oauthAnswers(400, "{\"code\":7,\"message\":\"scope from db not fully includes consumed scope\"}");

        TokenOutcome outcome = client.exchange(key, Scope.B2B);
        TokenOutcome again = client.exchange(key, Scope.CORP);

        assertThat(outcome)
                .isInstanceOfSatisfying(TokenOutcome.WrongScope.class, wrong -> assertThat(wrong.configured())
                        .isNull());
        assertThat(again).isSameAs(outcome);
        server.verify(3, postRequestedFor(urlEqualTo("/api/v2/oauth")));
    }

    @Test
    void aServerErrorIsRetriedThenTransientWithItsCause() {
        oauthAnswers(503, "{\"message\":\"Service Unavailable\"}");

        TokenOutcome outcome = client.exchange(key, Scope.B2B);

        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Transient.class, failed -> assertThat(failed.cause())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(503)));
        assertThat(waits).isNotEmpty();
    }

    @Test
    void aTransientAnswerIsNotRememberedForTheBuild() {
        oauthAnswers(503, "{\"message\":\"Service Unavailable\"}");
        client.exchange(key, Scope.B2B);
        oauthAnswers(
                200,
                "{\"access_token\":\"token-after-outage\",\"expires_at\":" + (System.currentTimeMillis() + 1_800_000)
                        + "}");

        assertThat(client.exchange(key, Scope.B2B)).isInstanceOf(TokenOutcome.Issued.class);
    }
}
