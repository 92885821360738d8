package io.github.gigachat.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Helpers for the invoker integration tests' Groovy hooks ({@code src/it/*}): start an emulator before the build and
 * point the plugin at it, then read reports and scan outputs after it. On the hooks' class path via
 * {@code addTestClassPath}.
 */
public final class ItSupport {
    /** A key planted only to prove that it never reaches any output. */
    public static final EmulatorAccount CANARY = EmulatorAccount.prepaid(
            "c4a7a7c4-0000-4000-8000-00000000cafe",
            "CANARY-SECRET-7f3b9d2e-do-not-print",
            "GIGACHAT_API_PERS",
            Map.of("embeddings", 1_000_000L));

    /** A user whose password is planted only to prove that it never reaches any output (exchanged at /token). */
    public static final EmulatorAccount CANARY_USER = EmulatorAccount.prepaid(
                    "c4a7a7c4-0000-4000-8000-00000000beef",
                    "canary-user-account-secret-01",
                    "GIGACHAT_API_PERS",
                    Map.of("embeddings", 1_000_000L))
            .withUser("canary-user", "USER-PASSWORD-CANARY-91f3c");

    /** A prepaid account whose embeddings balance runs out after a few chunks. */
    public static final EmulatorAccount LIMITED = EmulatorAccount.prepaid(
            "1a2b3c4d-0000-4000-8000-0000000000aa",
            "limited-balance-secret-01",
            "GIGACHAT_API_B2B",
            Map.of("embeddings", 60L));

    /** A postpaid business key "committed by mistake" in the scan ITs: the emulator issues tokens for it. */
    public static final EmulatorAccount LEAKED = EmulatorAccount.postpaid(
            "5b0c9e7a-3d21-4f86-b4a9-0e7d6c5b4a31", "3e9d8c7b-6a5f-4e4d-8c3b-2a1f0e9d8c7b", "GIGACHAT_API_CORP");

    /** A key the server revoked: the scan ITs expect INACTIVE. */
    public static final EmulatorAccount REVOKED = EmulatorAccount.prepaid(
                    "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
                    "revoked-secret-0b7e",
                    "GIGACHAT_API_PERS",
                    Map.of("embeddings", 1L))
            .revoked();

    private ItSupport() {}

    /** Starts an emulator with the demo and canary accounts and passes its URLs to the build as -D properties. */
    @SuppressWarnings("unchecked")
    public static void startEmulator(Map<String, Object> context) throws IOException {
        GigaChatEmulator emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .account(CANARY)
                .account(LIMITED)
                .account(LEAKED)
                .account(REVOKED)
                .account(CANARY_USER)
                .start();
        emulator.acceptToken(PINNED_TOKEN, EmulatorAccount.DEMO_PERS_PAID);
        context.put("emulator", emulator);
        Properties userProperties = (Properties) context.get("userProperties");
        userProperties.put("gigachat.authUrl", emulator.authUrl().toString());
        userProperties.put("gigachat.baseUrl", emulator.baseUrl().toString());
    }

    /**
     * The access token the ITs pin in {@code GIGACHAT_ACCESS_TOKEN}: shaped like a real one (five base64url parts),
     * accepted by {@link #startEmulator} for the demo PERS account.
     */
    public static final String PINNED_TOKEN = "eyJlbmMiOiJBMjU2Q0JDLUhTNTEyIiwiYWxnIjoiUlNBLU9BRVAtMjU2In0"
            + ".cGlubmVkLWluLXRoZS1pdC1lbnZpcm9ubWVudC1jYW5hcnktdG9rZW4.aXYtYWJjZGVm.Y2lwaGVydGV4dC1jYW5hcnk.dGFnLXh5eg";

    /**
     * Starts an emulator that also speaks mutual TLS: writes client certificates of a fresh CA into {@code
     * <basedir>/certs} (see {@code TestClientCertificates.main}: {@code valid}, {@code expired}, {@code
     * not-yet-valid}, {@code expiring-soon}, {@code foreign}, with {@code valid.enc.pem} under the passphrase
     * {@code test-passphrase} and {@code valid.p12} under {@code test-password}), maps {@code valid} and {@code
     * expiring-soon} to the demo PERS account, and passes the HTTPS URLs and {@code certs/ca.pem} (as {@code
     * gigachat.caBundleFile}) to the build.
     */
    @SuppressWarnings("unchecked")
    public static void startMutualTlsEmulator(Map<String, Object> context, File basedir) throws Exception {
        java.nio.file.Path certs = basedir.toPath().resolve("certs");
        io.github.gigachat.client.TestClientCertificates authority =
                io.github.gigachat.client.TestClientCertificates.writeFixedSet(certs);
        GigaChatEmulator emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .https(
                        authority.serverKeyStore(),
                        io.github.gigachat.client.TestClientCertificates.SERVER_STORE_PASSWORD)
                .trustClientCa(authority.ca())
                .clientCertificate(pem(certs.resolve("valid.crt.pem")), EmulatorAccount.DEMO_PERS_PAID)
                .clientCertificate(pem(certs.resolve("expiring-soon.crt.pem")), EmulatorAccount.DEMO_PERS_PAID)
                .start();
        emulator.acceptToken(PINNED_TOKEN, EmulatorAccount.DEMO_PERS_PAID);
        context.put("emulator", emulator);
        Properties userProperties = (Properties) context.get("userProperties");
        userProperties.put("gigachat.authUrl", emulator.authUrl().toString());
        userProperties.put("gigachat.baseUrl", emulator.baseUrl().toString());
        userProperties.put("gigachat.caBundleFile", certs.resolve("ca.pem").toString());
    }

    private static java.security.cert.X509Certificate pem(java.nio.file.Path file) throws Exception {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            return (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    public static GigaChatEmulator emulator(Map<String, Object> context) {
        return (GigaChatEmulator) context.get("emulator");
    }

    /** Stops the emulator of this test, if any. */
    public static void stop(Map<String, Object> context) {
        GigaChatEmulator emulator = emulator(context);
        if (emulator != null) {
            emulator.close();
        }
    }

    public static JsonNode report(File basedir) throws IOException {
        return report(basedir, "");
    }

    public static JsonNode report(File basedir, String module) throws IOException {
        return new ObjectMapper().readTree(new File(basedir, module + "target/gigachat/verify-report.json"));
    }

    public static JsonNode scanReport(File basedir) throws IOException {
        return new ObjectMapper().readTree(new File(basedir, "target/gigachat/scan-report.json"));
    }

    /** Makes the project a git repository of its own and commits everything in it (fixed author and date). */
    public static String gitCommitAll(File basedir, String message) throws Exception {
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init()
                .setDirectory(basedir)
                .setInitialBranch("main")
                .call()) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call(); // deletions too
            org.eclipse.jgit.lib.PersonIdent who = new org.eclipse.jgit.lib.PersonIdent(
                    "IT",
                    "it@example.invalid",
                    java.time.Instant.parse("2026-01-01T00:00:00Z"),
                    java.time.ZoneOffset.UTC);
            return git.commit()
                    .setMessage(message)
                    .setAuthor(who)
                    .setCommitter(who)
                    .setSign(false)
                    .call()
                    .getName();
        }
    }

    /** Tags HEAD of the project's own repository. */
    public static void gitTag(File basedir, String name) throws Exception {
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(basedir)) {
            git.tag().setName(name).setAnnotated(false).call();
        }
    }

    public static String buildLog(File basedir) throws IOException {
        return Files.readString(new File(basedir, "build.log").toPath(), StandardCharsets.UTF_8);
    }

    /** Every occurrence of any secret in build.log and in any file under the project (target/ included). */
    public static List<String> findSecrets(File basedir, Collection<String> secrets) throws IOException {
        return findSecrets(basedir, secrets, List.of());
    }

    /** As {@link #findSecrets(File, Collection)}, but not in the named inputs (paths relative to the project). */
    public static List<String> findSecrets(File basedir, Collection<String> secrets, Collection<String> inputs)
            throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(basedir.toPath())) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !inputs.contains(
                            basedir.toPath().relativize(p).toString().replace(File.separatorChar, '/')))
                    // the test's own inputs name the secrets on purpose; everything else is output
                    .filter(p -> !p.getFileName().toString().equals("invoker.properties"))
                    .filter(p -> !p.getFileName().toString().endsWith(".groovy"))
                    .forEach(file -> {
                        String text;
                        try {
                            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        for (String secret : secrets) {
                            if (text.contains(secret)) {
                                hits.add(basedir.toPath().relativize(file) + " contains a secret of length "
                                        + secret.length());
                            }
                        }
                    });
        }
        return hits;
    }
}
