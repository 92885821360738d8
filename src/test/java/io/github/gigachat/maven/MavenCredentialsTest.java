package io.github.gigachat.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.client.CertificateSetting;
import io.github.gigachat.client.Credential;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.client.TestClientCertificates;
import io.github.gigachat.emulator.EmulatorAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which credential a build uses when several are present: the official Python SDK's order (access token, Authorization
 * Key, user and password), the environment before settings.xml. Columns: what is set (env {@code T} = {@code
 * GIGACHAT_ACCESS_TOKEN}, {@code K} = {@code GIGACHAT_CREDENTIALS}, {@code U} = {@code GIGACHAT_USER} + {@code
 * GIGACHAT_PASSWORD}, {@code u} = the user alone; settings {@code sT} = a token {@code <password>}, {@code sK} = a key
 * {@code <password>}, {@code sC} = client id + secret, {@code sU} = user + password), then the source and kind used.
 */
class MavenCredentialsTest {
    private static final String KEY = EmulatorAccount.DEMO_PERS_PAID.authorizationKey();
    private static final String TOKEN = "eyJhbGciOiJSU0EtT0FFUCJ9.c2VjcmV0LWtleS1zZWNyZXQta2V5LXNlY3JldC1rZXk"
            + ".aXYtaXYtaXY.Y2lwaGVyLWNpcGhlci1jaXBoZXItY2lwaGVyLWNpcGhlcg.dGFnLXRhZy10YWc";

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
        # set          | source                     | kind
          T K U        | env:GIGACHAT_ACCESS_TOKEN  | access token
          K U          | env:GIGACHAT_CREDENTIALS   | Authorization Key
          U            | env:GIGACHAT_USER          | user and password
          u            | -                          | -
          U sK         | env:GIGACHAT_USER          | user and password
          sT           | settings:gigachat          | access token
          sK           | settings:gigachat          | Authorization Key
          sC           | settings:gigachat          | Authorization Key
          sU           | settings:gigachat          | user and password
          u sU         | settings:gigachat          | user and password
          T sK         | env:GIGACHAT_ACCESS_TOKEN  | access token
        """)
    void takesTheFirstInTheDocumentedOrder(String set, String source, String kind) throws Exception {
        Map<String, String> environment = new HashMap<>();
        Server server = null;
        for (String item : set.split(" ")) {
            switch (item) {
                case "T" -> environment.put("GIGACHAT_ACCESS_TOKEN", TOKEN);
                case "K" -> environment.put("GIGACHAT_CREDENTIALS", KEY);
                case "U" -> {
                    environment.put("GIGACHAT_USER", "builder");
                    environment.put("GIGACHAT_PASSWORD", "env-password-canary");
                }
                case "u" -> environment.put("GIGACHAT_USER", "builder");
                case "sT" -> server = server(null, TOKEN);
                case "sK" -> server = server(null, KEY);
                case "sC" -> server = server(EmulatorAccount.DEMO_PERS_PAID_ID, EmulatorAccount.DEMO_PERS_PAID_SECRET);
                case "sU" -> server = server("svc-builder", "settings-password-canary");
                default -> throw new IllegalArgumentException(item);
            }
        }
        List<String> notes = new ArrayList<>();
        MavenCredentials.Resolved found = resolve(environment, server, new SecretMasker(), notes);
        Credential credential = found.credential();
        assertThat(credential == null ? "-" : credential.source()).isEqualTo(source);
        assertThat(credential == null ? "-" : credential.kind()).isEqualTo(kind);
        assertThat(found.certificate()).isNull();
        if (credential == null) {
            assertThat(found.missingHelp()).contains("GIGACHAT_ACCESS_TOKEN", "GIGACHAT_USER", "GIGACHAT_CERT_FILE");
            assertThat(notes).anyMatch(n -> n.contains("Only one of GIGACHAT_USER and GIGACHAT_PASSWORD is set"));
        }
    }

    @ParameterizedTest(name = "<username>{0}</username><password>{1}</password> -> {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
        # a dotted password with a user is a password; a client secret with a user name is a key mistake to explain
          bob      | my.pass.word                                  | user and password
          gigachat | 0e5d4c3b-2a19-4f08-8e7d-00000000a001          | Authorization Key
          -        | short.dotted.value                            | Authorization Key
        """)
    void aServersPasswordIsReadForWhatItIs(String user, String password, String kind) throws Exception {
        Server server = server(user.equals("-") ? null : user, password);
        Credential credential =
                resolve(Map.of(), server, new SecretMasker(), new ArrayList<>()).credential();
        assertThat(credential.kind()).isEqualTo(kind);
    }

    @Test
    void aClientIdAndSecretBecomeTheKeyTheyEncode() throws Exception {
        Server server = server(EmulatorAccount.DEMO_PERS_PAID_ID, EmulatorAccount.DEMO_PERS_PAID_SECRET);
        Credential.Key key = (Credential.Key)
                resolve(Map.of(), server, new SecretMasker(), new ArrayList<>()).credential();
        assertThat(KeyFormat.check(key.raw()).key().clientId()).isEqualTo(EmulatorAccount.DEMO_PERS_PAID_ID);
        assertThat(key.raw()).isEqualTo(KEY);
    }

    @Test
    void everySecretFoundIsMaskedBeforeAnythingCanPrintIt() throws Exception {
        SecretMasker masker = new SecretMasker();
        Map<String, String> environment = Map.of(
                "GIGACHAT_ACCESS_TOKEN", " " + TOKEN + "\n",
                "GIGACHAT_CREDENTIALS", KEY,
                "GIGACHAT_PASSWORD", "env-password-canary",
                "GIGACHAT_USER", "builder",
                "GIGACHAT_KEY_FILE_PASSWORD", "passphrase-canary");
        Server server = server("svc-builder", "settings-password-canary");
        server.setPassphrase("server-passphrase-canary");
        resolve(environment, server, masker, new ArrayList<>());
        String text = String.join(
                " ",
                TOKEN,
                KEY,
                "env-password-canary",
                "passphrase-canary",
                "settings-password-canary",
                "server-passphrase-canary");
        assertThat(masker.mask(text))
                .doesNotContain("canary")
                .doesNotContain(TOKEN)
                .doesNotContain(KEY);
    }

    @Test
    void aBlankVariableIsNotedAndSkipped() throws Exception {
        List<String> notes = new ArrayList<>();
        Credential credential = resolve(
                        Map.of("GIGACHAT_ACCESS_TOKEN", "  ", "GIGACHAT_CREDENTIALS", KEY),
                        null,
                        new SecretMasker(),
                        notes)
                .credential();
        assertThat(credential.source()).isEqualTo("env:GIGACHAT_CREDENTIALS");
        assertThat(notes).contains("The environment variable GIGACHAT_ACCESS_TOKEN is set but empty; ignoring it.");
    }

    @Test
    void theCacheKeyTellsCredentialsApartWithoutHoldingThem() {
        Credential one = new Credential.UserPassword("env:GIGACHAT_USER", "env", "builder", "password-one");
        Credential two = new Credential.UserPassword("env:GIGACHAT_USER", "env", "builder", "password-two");
        assertThat(MavenCredentials.cacheKey(one))
                .isNotEqualTo(MavenCredentials.cacheKey(two))
                .doesNotContain("password")
                .doesNotContain("builder");
        assertThat(MavenCredentials.cacheKey(null)).isEqualTo("-");
    }

    @Test
    void aServersPrivateKeyIsAPkcs12FileWithItsPassphraseAndTheOnlyCredential(@TempDir Path directory)
            throws Exception {
        var client = TestClientCertificates.create(directory).valid("agent");
        Path p12 = client.pkcs12("p12-canary-password".toCharArray());
        Server server = new Server();
        server.setId("gigachat");
        server.setPrivateKey(directory.relativize(p12).toString());
        server.setPassphrase("p12-canary-password");
        SecretMasker masker = new SecretMasker();

        MavenCredentials.Resolved found = MavenCredentials.resolve(
                Map.of(),
                "GIGACHAT_CREDENTIALS",
                settings(server),
                "gigachat",
                null,
                masker,
                directory,
                new ArrayList<>());

        assertThat(found.certificate()).isInstanceOf(CertificateSetting.Loaded.class);
        assertThat(found.certificate().description())
                .isEqualTo("the <privateKey> of <server> gigachat in settings.xml");
        assertThat(found.credential()).isInstanceOf(Credential.CertificateOnly.class);
        assertThat(found.credential().source()).isEqualTo("settings:gigachat");
        assertThat(masker.mask("p12-canary-password")).isEqualTo("****");
    }

    @Test
    void aWrongServerPassphraseIsNamedAsTheServersNotAVariable(@TempDir Path directory) throws Exception {
        var client = TestClientCertificates.create(directory).valid("agent");
        Path p12 = client.pkcs12("right-password".toCharArray());
        Server server = new Server();
        server.setId("gigachat");
        server.setPrivateKey(p12.toString());
        server.setPassphrase("wrong-password");

        MavenCredentials.Resolved found = MavenCredentials.resolve(
                Map.of(),
                "GIGACHAT_CREDENTIALS",
                settings(server),
                "gigachat",
                null,
                new SecretMasker(),
                directory,
                new ArrayList<>());

        String problem = ((CertificateSetting.Unusable) found.certificate()).problem();
        assertThat(problem).contains("<passphrase> of <server> gigachat").doesNotContain("GIGACHAT_");
        assertThat(problem).doesNotContain("wrong-password").doesNotContain("right-password");
    }

    @Test
    void theEnvironmentsCertificateWinsAndAKeyStillAuthorises(@TempDir Path directory) throws Exception {
        var client = TestClientCertificates.create(directory).valid("agent");
        Map<String, String> environment = Map.of(
                "GIGACHAT_CERT_FILE",
                client.certPem().toString(),
                "GIGACHAT_KEY_FILE",
                client.keyEncryptedPkcs8Pem("pem-canary-pass".toCharArray()).toString(),
                "GIGACHAT_KEY_FILE_PASSWORD",
                "pem-canary-pass",
                "GIGACHAT_CREDENTIALS",
                KEY);
        Server server = new Server();
        server.setId("gigachat");
        server.setPrivateKey("does-not-exist.p12");

        MavenCredentials.Resolved found = MavenCredentials.resolve(
                environment,
                "GIGACHAT_CREDENTIALS",
                settings(server),
                "gigachat",
                null,
                new SecretMasker(),
                directory,
                new ArrayList<>());

        assertThat(found.certificate().source()).isEqualTo("env:GIGACHAT_CERT_FILE");
        assertThat(found.certificate()).isInstanceOf(CertificateSetting.Loaded.class);
        assertThat(found.credential().source()).isEqualTo("env:GIGACHAT_CREDENTIALS");
    }

    @Test
    void anUnusableCertificateIsReportedNotThrownAndNamesItsFile(@TempDir Path directory) throws Exception {
        MavenCredentials.Resolved found = MavenCredentials.resolve(
                Map.of("GIGACHAT_CERT_FILE", "missing.pem"),
                "GIGACHAT_CREDENTIALS",
                null,
                "gigachat",
                null,
                new SecretMasker(),
                directory,
                new ArrayList<>());

        assertThat(found.credential()).isNull();
        assertThat(found.certificate()).isInstanceOf(CertificateSetting.Unusable.class);
        assertThat(((CertificateSetting.Unusable) found.certificate()).problem())
                .contains("missing.pem");
        assertThat(found.missingHelp()).contains("client-certificate check");
    }

    private static Settings settings(Server server) {
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    private static MavenCredentials.Resolved resolve(
            Map<String, String> environment, Server server, SecretMasker masker, List<String> notes) throws Exception {
        Settings settings = new Settings();
        if (server != null) {
            settings.addServer(server);
        }
        return MavenCredentials.resolve(
                environment,
                "GIGACHAT_CREDENTIALS",
                settings,
                "gigachat",
                null,
                masker,
                Path.of("").toAbsolutePath(),
                notes);
    }

    private static Server server(String username, String password) {
        Server server = new Server();
        server.setId("gigachat");
        server.setUsername(username);
        server.setPassword(password);
        return server;
    }
}
