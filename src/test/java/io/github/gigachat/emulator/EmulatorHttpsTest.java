package io.github.gigachat.emulator;

import static io.github.gigachat.emulator.EmulatorHttp.inputBody;
import static io.github.gigachat.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmulatorHttpsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private static X509Certificate certificate;
    private static KeyPair keyPair;

    @BeforeAll
    static void selfSignedCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=GigaChat emulator test");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))),
                name,
                keyPair.getPublic());
        builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        certificate = new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("emulator", keyPair.getPrivate(), PASSWORD, new Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext() throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("emulator", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void servesTheWholeFlowOverHttpsToAClientThatTrustsTheCertificate() throws Exception {
        try (GigaChatEmulator emulator =
                GigaChatEmulator.builder().demoAccounts().https(serverContext()).start()) {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(clientContext())
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            EmulatorHttp http = new EmulatorHttp(emulator, client);

            assertThat(emulator.isHttps()).isTrue();
            assertThat(emulator.authUrl().toString())
                    .isEqualTo("https://127.0.0.1:" + emulator.port() + "/api/v2/oauth");
            assertThat(emulator.baseUrl().getScheme()).isEqualTo("https");
            String token = http.accessToken(EmulatorAccount.DEMO_B2B_PAID);
            assertThat(json(http.get("/models", token)).get("data").size()).isPositive();
            assertThat(http.post("/embeddings", token, inputBody("Embeddings", "over TLS"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(emulator.stats().embeddedTexts()).isEqualTo(1);
        }
    }

    @Test
    void aClientWithTheDefaultTrustStoreFailsTheHandshake() throws Exception {
        try (GigaChatEmulator emulator =
                GigaChatEmulator.builder().demoAccounts().https(serverContext()).start()) {
            EmulatorHttp http = new EmulatorHttp(emulator);

            assertThatThrownBy(() -> http.get("/models", null))
                    .hasCauseInstanceOf(SSLHandshakeException.class)
                    .hasRootCauseInstanceOf(CertPathBuilderException.class);
            assertThat(emulator.stats().totalRequests()).isZero();
        }
    }
}
