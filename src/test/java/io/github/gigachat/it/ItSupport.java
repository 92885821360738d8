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

    /** A prepaid account whose embeddings balance runs out after a few chunks. */
    public static final EmulatorAccount LIMITED = EmulatorAccount.prepaid(
            "1a2b3c4d-0000-4000-8000-0000000000aa",
            "limited-balance-secret-01",
            "GIGACHAT_API_B2B",
            Map.of("embeddings", 60L));

    private ItSupport() {}

    /** Starts an emulator with the demo and canary accounts and passes its URLs to the build as -D properties. */
    @SuppressWarnings("unchecked")
    public static void startEmulator(Map<String, Object> context) throws IOException {
        GigaChatEmulator emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .account(CANARY)
                .account(LIMITED)
                .start();
        context.put("emulator", emulator);
        Properties userProperties = (Properties) context.get("userProperties");
        userProperties.put("gigachat.authUrl", emulator.authUrl().toString());
        userProperties.put("gigachat.baseUrl", emulator.baseUrl().toString());
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

    public static String buildLog(File basedir) throws IOException {
        return Files.readString(new File(basedir, "build.log").toPath(), StandardCharsets.UTF_8);
    }

    /** Every occurrence of any secret in build.log and in any file under the project (target/ included). */
    public static List<String> findSecrets(File basedir, Collection<String> secrets) throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(basedir.toPath())) {
            files.filter(Files::isRegularFile)
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
