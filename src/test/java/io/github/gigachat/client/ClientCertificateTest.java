package io.github.gigachat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gigachat.client.TestClientCertificates.Client;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientCertificateTest {
    private static final Instant NOT_BEFORE = Instant.parse("2026-01-15T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2027-01-15T00:00:00Z");
    private static final Duration WARN = Duration.ofDays(30);
    /** Planted passphrases: no message or stack trace may ever contain them. */
    private static final char[] CANARY = "canary-passphrase-5b1e9d".toCharArray();

    private static final char[] WRONG = "canary-wrong-passphrase-c0ffee".toCharArray();

    @TempDir
    static Path directory;

    private static TestClientCertificates certificates;
    private static Client rsa;
    private static Client ec;
    private static Client other;

    @BeforeAll
    static void generate() throws Exception {
        certificates = TestClientCertificates.create(directory);
        rsa = certificates.rsaClient("rsa-client", NOT_BEFORE, NOT_AFTER);
        ec = certificates.ecClient("ec-client", NOT_BEFORE, NOT_AFTER);
        other = certificates.rsaClient("other-client", NOT_BEFORE, NOT_AFTER);
    }

    private static ClientCertificate load(Path certFile, Path keyFile, char[] password) {
        return ClientCertificate.load(certFile, keyFile, password);
    }

    private static void assertPresents(ClientCertificate loaded, Client client, String keyType) {
        assertThat(loaded.certificate()).isEqualTo(client.certificate());
        assertThat(loaded.subject()).isEqualTo(client.subject()).startsWith("CN=");
        X509KeyManager keys = loaded.keyManager();
        String alias = keys.chooseClientAlias(new String[] {keyType}, null, null);
        assertThat(alias).isNotNull();
        assertSameKey(keys.getPrivateKey(alias), client.privateKey());
        assertThat(keys.getCertificateChain(alias)).hasSize(2).startsWith(client.certificate());
        assertThat(keys.getCertificateChain(alias)[1]).isEqualTo(certificates.ca());
    }

    private static void assertSameKey(PrivateKey actual, PrivateKey expected) {
        assertThat(actual.getAlgorithm()).isEqualTo(expected.getAlgorithm());
        if (expected instanceof RSAPrivateKey) {
            assertThat(((RSAPrivateKey) actual).getPrivateExponent())
                    .isEqualTo(((RSAPrivateKey) expected).getPrivateExponent());
        } else {
            assertThat(((ECPrivateKey) actual).getS()).isEqualTo(((ECPrivateKey) expected).getS());
        }
    }

    @Test
    void loadsAPemCertificateWithAPkcs8Key() throws Exception {
        assertThat(Files.readString(rsa.keyPkcs8Pem())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertPresents(load(rsa.certPem(), rsa.keyPkcs8Pem(), null), rsa, "RSA");
        assertPresents(load(ec.certPem(), ec.keyPkcs8Pem(), new char[0]), ec, "EC");
    }

    @Test
    void loadsAPkcs1RsaKey() throws Exception {
        assertThat(Files.readString(rsa.keyTraditionalPem())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertPresents(load(rsa.certPem(), rsa.keyTraditionalPem(), null), rsa, "RSA");
    }

    @Test
    void loadsASec1EcKey() throws Exception {
        assertThat(Files.readString(ec.keyTraditionalPem())).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertPresents(load(ec.certPem(), ec.keyTraditionalPem(), null), ec, "EC");
    }

    @Test
    void loadsAnEncryptedPkcs8KeyWithPbes2AndWithPbes1() throws Exception {
        assertThat(Files.readString(rsa.keyEncryptedPkcs8Pem(CANARY))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY");
        assertPresents(load(rsa.certPem(), rsa.keyEncryptedPkcs8Pem(CANARY), CANARY), rsa, "RSA");
        assertPresents(load(ec.certPem(), ec.keyEncryptedPkcs8Pem(CANARY), CANARY), ec, "EC");
        assertPresents(load(rsa.certPem(), rsa.keyPbes1Pem(CANARY), CANARY), rsa, "RSA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES-128-CBC", "AES-256-CBC", "DES-EDE3-CBC"})
    void loadsAnOpenSslLegacyEncryptedKey(String cipher) throws Exception {
        Path rsaKey = rsa.keyLegacyEncryptedPem(CANARY, cipher);
        assertThat(Files.readString(rsaKey)).contains("Proc-Type: 4,ENCRYPTED", "DEK-Info: " + cipher + ",");
        assertPresents(load(rsa.certPem(), rsaKey, CANARY), rsa, "RSA");
        assertPresents(load(ec.certPem(), ec.keyLegacyEncryptedPem(CANARY, cipher), CANARY), ec, "EC");
    }

    @Test
    void loadsOnePemFileHoldingCertificateAndKey() throws Exception {
        assertPresents(load(rsa.combinedPem(), null, null), rsa, "RSA");
        Path windows = Files.writeString(
                directory.resolve("windows.pem"),
                "\uFEFF" + Files.readString(rsa.combinedPem()).replace("\n", "\r\n"));
        assertPresents(load(windows, null, null), rsa, "RSA");
    }

    @Test
    void loadsDerCertificateAndDerKey() throws Exception {
        Path certificate =
                Files.write(directory.resolve("client.cer"), rsa.certificate().getEncoded());
        Path key =
                Files.write(directory.resolve("client.key.der"), ec.privateKey().getEncoded());
        assertThat(load(
                                certificate,
                                Files.write(
                                        directory.resolve("rsa.der"),
                                        rsa.privateKey().getEncoded()),
                                null)
                        .certificate())
                .isEqualTo(rsa.certificate());
        Path ecCertificate =
                Files.write(directory.resolve("ec.cer"), ec.certificate().getEncoded());
        assertThat(load(ecCertificate, key, null).subject()).isEqualTo(ec.subject());
    }

    @Test
    void loadsPkcs12ByNameAndByContent() throws Exception {
        Path p12 = rsa.pkcs12(CANARY);
        assertPresents(load(p12, null, CANARY), rsa, "RSA");
        Path unnamed = Files.copy(p12, directory.resolve("jenkins-credential-1234.tmp"));
        assertPresents(load(unnamed, null, CANARY), rsa, "RSA");
    }

    @Test
    void findsTheLeafWhenTheFileListsTheCaFirst() throws Exception {
        String leafThenCa = Files.readString(rsa.certPem());
        int second = leafThenCa.indexOf("-----BEGIN CERTIFICATE-----", 1);
        Path caFirst = Files.writeString(
                directory.resolve("ca-first.pem"), leafThenCa.substring(second) + leafThenCa.substring(0, second));
        assertPresents(load(caFirst, rsa.keyPkcs8Pem(), null), rsa, "RSA");
    }

    @Test
    void anEncryptedKeyWithoutPassphraseSaysWhichVariableToSet() throws Exception {
        Path key = rsa.keyEncryptedPkcs8Pem(CANARY);
        for (char[] none : new char[][] {null, new char[0]}) {
            assertThatThrownBy(() -> load(rsa.certPem(), key, none))
                    .isInstanceOf(CertificateFileException.class)
                    .hasMessageContaining(key.toString())
                    .hasMessageContaining("is encrypted")
                    .hasMessageContaining("GIGACHAT_KEY_FILE_PASSWORD");
        }
        assertThatThrownBy(() -> load(rsa.certPem(), rsa.keyLegacyEncryptedPem(CANARY, "AES-128-CBC"), null))
                .hasMessageContaining("GIGACHAT_KEY_FILE_PASSWORD");
    }

    @Test
    void aWrongPassphraseIsNamedAsSuchAndNeverShown() throws Exception {
        for (Path key : List.of(
                rsa.keyEncryptedPkcs8Pem(CANARY),
                rsa.keyPbes1Pem(CANARY),
                rsa.keyLegacyEncryptedPem(CANARY, "AES-256-CBC"),
                ec.keyLegacyEncryptedPem(CANARY, "DES-EDE3-CBC"))) {
            assertThatThrownBy(() -> load(rsa.certPem(), key, WRONG))
                    .isInstanceOf(CertificateFileException.class)
                    .hasMessageContaining("passphrase in GIGACHAT_KEY_FILE_PASSWORD does not decrypt")
                    .hasMessageContaining(key.toString())
                    .satisfies(e -> assertKeepsSecrets(e, key));
        }
    }

    @Test
    void aWrongOrMissingPkcs12PasswordSaysWhatToDo() throws Exception {
        Path p12 = rsa.pkcs12(CANARY);
        assertThatThrownBy(() -> load(p12, null, WRONG))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageContaining("does not open the PKCS#12 file " + p12)
                .satisfies(e -> assertKeepsSecrets(e, p12));
        assertThatThrownBy(() -> load(p12, null, null))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageContaining(p12.toString())
                .hasMessageContaining("GIGACHAT_KEY_FILE_PASSWORD");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedWithSubjectAndDates() throws Exception {
        Path key = other.keyEncryptedPkcs8Pem(CANARY);
        assertThatThrownBy(() -> load(rsa.certPem(), key, CANARY))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageContaining("does not belong to the certificate")
                .hasMessageContaining(key.toString())
                .hasMessageContaining(rsa.certPem().toString())
                .hasMessageContaining("CN=rsa-client,O=GigaChat Plugin Tests")
                .hasMessageContaining("2026-01-15 to 2027-01-15")
                .satisfies(e -> assertKeepsSecrets(e, key));
        assertThatThrownBy(() -> load(rsa.certPem(), ec.keyPkcs8Pem(), null))
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void missingFilesAndFilesWithoutCertificateOrKeySayWhatToSet() throws Exception {
        Path missing = directory.resolve("no-such.pem");
        assertThatThrownBy(() -> load(missing, null, null))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageContaining(missing + " does not exist")
                .hasMessageContaining("GIGACHAT_CERT_FILE");
        assertThatThrownBy(() -> load(rsa.certPem(), missing, null))
                .hasMessageContaining(missing + " does not exist")
                .hasMessageContaining("GIGACHAT_KEY_FILE");
        assertThatThrownBy(() -> load(rsa.certPem(), null, null))
                .hasMessageContaining(rsa.certPem() + " holds no private key")
                .hasMessageContaining("Set GIGACHAT_KEY_FILE");
        assertThatThrownBy(() -> load(rsa.certPem(), rsa.certPem(), null)).hasMessageContaining("holds no private key");
        Path keyOnly = rsa.keyPkcs8Pem();
        assertThatThrownBy(() -> load(keyOnly, null, null))
                .hasMessageContaining(keyOnly + " holds no certificate")
                .hasMessageContaining("swapped")
                .satisfies(e -> assertKeepsSecrets(e, keyOnly));
    }

    @Test
    void statesFollowTheDates() {
        ClientCertificate loaded = loadRsa();
        assertThat(loaded.notBefore()).isEqualTo(NOT_BEFORE);
        assertThat(loaded.notAfter()).isEqualTo(NOT_AFTER);
        assertThat(loaded.state(NOT_BEFORE.minusSeconds(1), WARN)).isEqualTo(ClientCertificate.State.NOT_YET_VALID);
        assertThat(loaded.state(NOT_BEFORE, WARN)).isEqualTo(ClientCertificate.State.VALID);
        assertThat(loaded.state(NOT_AFTER.minus(Duration.ofDays(31)), WARN)).isEqualTo(ClientCertificate.State.VALID);
        assertThat(loaded.state(NOT_AFTER.minus(WARN), WARN)).isEqualTo(ClientCertificate.State.EXPIRES_SOON);
        Instant tenDaysBefore = NOT_AFTER.minus(Duration.ofDays(10));
        assertThat(loaded.state(tenDaysBefore, WARN)).isEqualTo(ClientCertificate.State.EXPIRES_SOON);
        assertThat(loaded.daysLeft(tenDaysBefore)).isEqualTo(10);
        assertThat(loaded.daysLeft(tenDaysBefore.plusSeconds(1))).isEqualTo(9);
        assertThat(loaded.state(NOT_AFTER.minusSeconds(1), WARN)).isEqualTo(ClientCertificate.State.EXPIRES_SOON);
        assertThat(loaded.state(NOT_AFTER, WARN)).isEqualTo(ClientCertificate.State.EXPIRED);
        assertThat(loaded.daysLeft(NOT_AFTER.plusSeconds(3600))).isEqualTo(-1);
        assertThat(loaded.state(tenDaysBefore, Duration.ZERO)).isEqualTo(ClientCertificate.State.VALID);
    }

    @Test
    void theFixturesRelativeClientsHaveTheStatesTheirNamesSay() throws Exception {
        Instant now = Instant.now();
        assertThat(stateNow(certificates.valid("now-valid"), now)).isEqualTo(ClientCertificate.State.VALID);
        assertThat(stateNow(certificates.expired("now-expired"), now)).isEqualTo(ClientCertificate.State.EXPIRED);
        assertThat(stateNow(certificates.notYetValid("now-early"), now))
                .isEqualTo(ClientCertificate.State.NOT_YET_VALID);
        Client soon = certificates.expiringIn("now-soon", Duration.ofDays(10));
        assertThat(stateNow(soon, now)).isEqualTo(ClientCertificate.State.EXPIRES_SOON);
        assertThat(load(soon.certPem(), soon.keyPkcs8Pem(), null).daysLeft(now)).isBetween(9L, 10L);
    }

    private static ClientCertificate.State stateNow(Client client, Instant now) throws Exception {
        return load(client.certPem(), client.keyPkcs8Pem(), null).state(now, WARN);
    }

    @Test
    void fingerprintIsTheStartOfTheLeafsSha256AndToStringNamesNoSecret() throws Exception {
        ClientCertificate loaded = load(rsa.certPem(), rsa.keyEncryptedPkcs8Pem(CANARY), CANARY);
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(rsa.certificate().getEncoded()))
                .substring(0, 12);
        assertThat(loaded.fingerprint()).isEqualTo("sha256:" + expected).matches("sha256:[0-9a-f]{12}");
        assertThat(loaded.certificateFile()).isEqualTo(rsa.certPem());
        assertThat(loaded)
                .hasToString("ClientCertificate[rsa-client.crt.pem, CN=rsa-client,O=GigaChat Plugin Tests, sha256:"
                        + expected + "]");
        assertThat(load(rsa.pkcs12(CANARY), null, CANARY).fingerprint()).isEqualTo(loaded.fingerprint());
    }

    @Test
    void theKeyManagerOffersItsKeyWhateverIssuersTheServerListsButOnlyForItsKeyType() {
        X509ExtendedKeyManager keys = (X509ExtendedKeyManager) loadRsa().keyManager();
        X500Principal[] unrelated = {new X500Principal("CN=Some Corporate CA")};
        String alias = keys.chooseClientAlias(new String[] {"EC", "RSA"}, unrelated, null);
        assertThat(alias).isNotNull();
        assertThat(keys.chooseClientAlias(new String[] {"RSA"}, new X500Principal[0], null))
                .isEqualTo(alias);
        assertThat(keys.chooseEngineClientAlias(new String[] {"RSA"}, unrelated, null))
                .isEqualTo(alias);
        assertThat(keys.getClientAliases("RSA", unrelated)).containsExactly(alias);
        assertThat(keys.chooseClientAlias(new String[] {"EC"}, null, null)).isNull();
        assertThat(keys.chooseServerAlias("RSA", null, null)).isNull();
        assertThat(keys.getServerAliases("RSA", null)).isNull();
        assertThat(keys.getPrivateKey("another")).isNull();
        assertThat(keys.getCertificateChain("another")).isNull();
    }

    private static ClientCertificate loadRsa() {
        try {
            return load(rsa.certPem(), rsa.keyPkcs8Pem(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Neither the message nor the stack trace holds a planted passphrase or a line of the file's PEM bodies. */
    private static void assertKeepsSecrets(Throwable error, Path file) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(new String(CANARY)).doesNotContain(new String(WRONG));
        List<String> bodyLines;
        try {
            bodyLines = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> line.length() >= 16 && !line.startsWith("-----") && !line.contains(":"))
                    .collect(Collectors.toList());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        for (String line : bodyLines) {
            assertThat(trace.toString()).doesNotContain(line);
        }
    }
}
