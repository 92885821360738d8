package io.github.gigachat.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.gigachat.emulator.EmulatorAccount;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The settings.xml proxy is used by this client only: a WireMock server plays the proxy for a host that does not exist. */
class ProxyTest {
    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final AuthorizationKey KEY =
            KeyFormat.check(EmulatorAccount.DEMO_PERS_PAID.authorizationKey()).key();
    private static final String TOKEN_JSON = "{\"access_token\":\"via-proxy-token\",\"expires_at\":4102444800000}";

    private GigaChatClient client(ProxyConfig proxyConfig, String host) {
        return GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(URI.create("http://" + host + "/api/v2/oauth"))
                        .baseUrl(URI.create("http://" + host + "/api/v1"))
                        .proxy(proxyConfig)
                        .retryPolicy(RetryPolicy.NONE)
                        .build(),
                new SecretMasker());
    }

    @Test
    void sendsRequestsThroughTheProxy() {
        proxy.stubFor(post("/api/v2/oauth").willReturn(okJson(TOKEN_JSON)));
        try (GigaChatClient client =
                client(new ProxyConfig("127.0.0.1", proxy.getPort(), null, null, List.of()), "gigachat.invalid")) {
            assertThat(client.requestToken(KEY, Scope.PERS).scope()).isEqualTo(Scope.PERS);
        }
        proxy.verify(postRequestedFor(urlEqualTo("/api/v2/oauth")).withHeader("Host", equalTo("gigachat.invalid")));
    }

    @Test
    void answersTheProxysChallengeWithTheSettingsCredentials() {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString("alice:s3cret-proxy".getBytes(StandardCharsets.UTF_8));
        proxy.stubFor(post("/api/v2/oauth")
                .withHeader("Proxy-Authorization", absent())
                .willReturn(aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"corp\"")));
        proxy.stubFor(post("/api/v2/oauth")
                .withHeader("Proxy-Authorization", equalTo(expected))
                .willReturn(okJson(TOKEN_JSON)));
        try (GigaChatClient client = client(
                new ProxyConfig("127.0.0.1", proxy.getPort(), "alice", "s3cret-proxy", List.of()),
                "gigachat.invalid")) {
            assertThat(client.requestToken(KEY, Scope.PERS).scope()).isEqualTo(Scope.PERS);
        }
    }

    @Test
    void bypassesTheProxyForNonProxyHosts() {
        ProxyConfig config =
                new ProxyConfig("127.0.0.1", 1, null, null, ProxyConfig.parseNonProxyHosts("*.local|127.0.0.*"));
        proxy.stubFor(post("/api/v2/oauth").willReturn(okJson(TOKEN_JSON)));
        // the proxy port 1 is closed: success proves the direct route was taken
        try (GigaChatClient client = client(config, "127.0.0.1:" + proxy.getPort())) {
            assertThat(client.requestToken(KEY, Scope.PERS).scope()).isEqualTo(Scope.PERS);
        }
        assertThat(config.bypasses("api.local")).isTrue();
        assertThat(config.bypasses("gigachat.devices.sberbank.ru")).isFalse();
    }
}
