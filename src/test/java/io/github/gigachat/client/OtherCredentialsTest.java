package io.github.gigachat.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The credentials beyond the Authorization Key, against a real HTTP server: a token handed over is sent as is and
 * never renewed; a user and password are exchanged at {@code {baseUrl}/token} exactly as the official Python SDK
 * does; the server's TLS alerts about client certificates are recognised.
 */
class OtherCredentialsTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String GIVEN = "eyJhbGciOiJSU0EtT0FFUCJ9.Z2l2ZW4tdG9rZW4.aXY.Y2lwaGVy.dGFn";
    private static final String ISSUED = "eyJhbGciOiJSU0EtT0FFUCJ9.aXNzdWVkLXRva2Vu.aXY.Y2lwaGVy.dGFn";
    private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"Embeddings\",\"object\":\"model\","
            + "\"owned_by\":\"salutedevices\",\"type\":\"embedder\"}]}";

    private final SecretMasker masker = new SecretMasker();
    private final Credential.UserPassword user = new Credential.UserPassword(
            "env:GIGACHAT_USER", "the environment variables", "builder", "p@ss:word-canary");
    private GigaChatClient client;

    @BeforeEach
    void setUp() {
        client = GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(URI.create(server.baseUrl() + "/api/v2/oauth"))
                        .baseUrl(URI.create(server.baseUrl() + "/api/v1"))
                        .timeout(Duration.ofSeconds(2))
                        .sleeper(wait -> {})
                        .build(),
                masker);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void aGivenTokenIsSentAsIsWithNoOAuthRequest() {
        server.stubFor(get("/api/v1/models").willReturn(okJson(MODELS)));
        GigaChatSession session =
                client.session(new Credential.Token("env:GIGACHAT_ACCESS_TOKEN", "env", " " + GIVEN + "\n"));

        assertThat(session.models()).extracting(ModelInfo::id).containsExactly("Embeddings");
        server.verify(
                getRequestedFor(urlEqualTo("/api/v1/models")).withHeader("Authorization", equalTo("Bearer " + GIVEN)));
        server.verify(0, postRequestedFor(urlEqualTo("/api/v2/oauth")));
        assertThat(session.scope()).isNull();
        assertThat(masker.mask("value " + GIVEN)).isEqualTo("value ****");
    }

    @Test
    void aRefusedGivenTokenIsFinalNotRetried() {
        server.stubFor(get("/api/v1/models")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":401,\"message\":\"Token has expired\"}")));
        GigaChatSession session = client.session(new Credential.Token("env:GIGACHAT_ACCESS_TOKEN", "env", GIVEN));

        assertThatThrownBy(session::models).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status())
                .isEqualTo(401));
        server.verify(1, getRequestedFor(urlEqualTo("/api/v1/models")));
        server.verify(0, postRequestedFor(urlEqualTo("/api/v2/oauth")));
    }

    @Test
    void aUserIsExchangedAtTheBaseUrlsTokenEndpointWithBasicAndNoBody() {
        long exp = Instant.now().plus(Duration.ofMinutes(30)).getEpochSecond();
        server.stubFor(post("/api/v1/token").willReturn(okJson("{\"tok\":\"" + ISSUED + "\",\"exp\":" + exp + "}")));
        server.stubFor(get("/api/v1/models").willReturn(okJson(MODELS)));

        TokenOutcome outcome = client.exchange(user);

        assertThat(outcome).isInstanceOf(TokenOutcome.Issued.class);
        AccessToken token = ((TokenOutcome.Issued) outcome).token();
        assertThat(token.expiresAt()).isEqualTo(Instant.ofEpochSecond(exp));
        assertThat(token.scope()).isNull();
        String basic = Base64.getEncoder().encodeToString("builder:p@ss:word-canary".getBytes(StandardCharsets.UTF_8));
        server.verify(postRequestedFor(urlEqualTo("/api/v1/token"))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", absent()));
        assertThat(server.getAllServeEvents().get(0).getRequest().getBody()).isEmpty();
        client.session(user).models();
        server.verify(
                getRequestedFor(urlEqualTo("/api/v1/models")).withHeader("Authorization", equalTo("Bearer " + ISSUED)));
        server.verify(1, postRequestedFor(urlEqualTo("/api/v1/token"))); // the session reuses the exchanged token
        assertThat(masker.mask(basic + " " + ISSUED + " p@ss:word-canary")).isEqualTo("**** **** ****");
    }

    @Test
    void aUserWhoseTokenExpiresGetsANewOneOnce() {
        long exp = Instant.now().plus(Duration.ofMinutes(30)).getEpochSecond();
        server.stubFor(post("/api/v1/token").willReturn(okJson("{\"tok\":\"" + ISSUED + "\",\"exp\":" + exp + "}")));
        server.stubFor(get("/api/v1/models")
                .inScenario("expiry")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":401,\"message\":\"Token has expired\"}"))
                .willSetStateTo("renewed"));
        server.stubFor(get("/api/v1/models")
                .inScenario("expiry")
                .whenScenarioStateIs("renewed")
                .willReturn(okJson(MODELS)));

        assertThat(client.session(user).models()).hasSize(1);
        server.verify(2, postRequestedFor(urlEqualTo("/api/v1/token")));
    }

    @Test
    void aWrongUserIsRejectedAndTheAnswerHoldsForTheBuild() {
        server.stubFor(post("/api/v1/token")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":401,\"message\":\"Unauthorized\"}")));

        assertThat(client.exchange(user)).isInstanceOf(TokenOutcome.Rejected.class);
        assertThat(client.exchange(user)).isInstanceOf(TokenOutcome.Rejected.class);
        server.verify(1, postRequestedFor(urlEqualTo("/api/v1/token")));
    }

    @Test
    void aProxysHtml401ProvesNothingAboutTheUser() {
        server.stubFor(post("/api/v1/token")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html>proxy login</html>")));

        assertThat(client.exchange(user)).isInstanceOf(TokenOutcome.Transient.class);
    }

    @Test
    void anAnswerWithoutATokenIsNotASuccess() {
        server.stubFor(post("/api/v1/token").willReturn(okJson("{\"exp\":1}")));

        TokenOutcome outcome = client.exchange(user);
        assertThat(outcome).isInstanceOf(TokenOutcome.Transient.class);
        assertThat(((TokenOutcome.Transient) outcome).certificateRefused()).isFalse();
    }

    @Test
    void nginxsPageForARefusedCertificateIsRecognisedAndAnyOther400IsNot() {
        server.stubFor(post("/api/v1/token")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><head><title>400 No required SSL certificate was sent</title></head><body>"
                                + "<center><h1>400 Bad Request</h1></center><center>No required SSL certificate was"
                                + " sent</center><hr><center>nginx</center></body></html>")));
        server.stubFor(get("/api/v1/models")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>400 Bad Request</h1></body></html>")));

        TokenOutcome outcome = client.exchange(user);
        assertThat(outcome).isInstanceOf(TokenOutcome.Transient.class);
        assertThat(((TokenOutcome.Transient) outcome).certificateRefused()).isTrue();
        GigaChatSession session = client.session(new Credential.Token("env:GIGACHAT_ACCESS_TOKEN", "env", GIVEN));
        assertThatThrownBy(session::models)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isClientCertificatePage())
                        .isFalse());
    }

    @Test
    void aServersAlertAboutTheClientCertificateIsRecognisedAndNothingElse() {
        assertThat(ClientCertificateAlerts.refusal(new SSLException("Received fatal alert: certificate_required")))
                .isEqualTo("certificate_required");
        assertThat(ClientCertificateAlerts.refusal(
                        new SSLException("wrapped", new SSLException("Received fatal alert: unknown_ca"))))
                .isEqualTo("unknown_ca");
        assertThat(ClientCertificateAlerts.refusal(new SSLException("Received fatal alert: handshake_failure")))
                .isNull();
        assertThat(ClientCertificateAlerts.refusal(new SSLException("PKIX path building failed")))
                .isNull();
        assertThat(ClientCertificateAlerts.describe("api.example", "certificate_required", null))
                .contains("requires a client certificate", "GIGACHAT_CERT_FILE", "GIGACHAT_KEY_FILE");
    }
}
