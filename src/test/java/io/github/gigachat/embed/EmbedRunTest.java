package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole embedding run against the emulator over HTTP, with real files changing between runs. */
class EmbedRunTest {
    private static final EmulatorAccount SMALL_BALANCE = EmulatorAccount.prepaid(
            "22222222-3333-4444-8555-666666666666",
            "small-balance-secret-1",
            "GIGACHAT_API_B2B",
            Map.of("embeddings", 50L));

    @TempDir
    Path project;

    private GigaChatEmulator emulator;
    private GigaChatClient client;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    /** Runs when the plan is logged, between the planning pass and the embedding pass. */
    private Runnable afterPlan = () -> {};

    @BeforeEach
    void start() throws IOException {
        emulator =
                GigaChatEmulator.builder().demoAccounts().account(SMALL_BALANCE).start();
        client = GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(emulator.authUrl())
                        .baseUrl(emulator.baseUrl())
                        .sleeper(d -> {})
                        .build(),
                new SecretMasker());
        write("docs/a.md", "# Alpha\n\nThe first document talks about returns within thirty days.\n");
        write("docs/b.md", "# Beta\n\nThe second document explains delivery and pickup points.\n");
        write("docs/c.txt", "Третий документ написан по-русски и рассказывает о доставке.\n");
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private GigaChatSession session(EmulatorAccount account) {
        return client.session(
                KeyFormat.check(account.authorizationKey()).key(),
                Scope.parse(account.scope()).orElseThrow());
    }

    private EmbedRun.Settings settings(Path cache, boolean dryRun, Long maxTokens) {
        return settings(cache, dryRun, maxTokens, true);
    }

    private EmbedRun.Settings settings(Path cache, boolean dryRun, Long maxTokens, boolean emulated) {
        return new EmbedRun.Settings(
                project,
                List.of(new FileSetSpec(project.resolve("docs"), InputScanner.DEFAULT_INCLUDES, List.of())),
                "Embeddings",
                new ChunkerSettings(64, 0),
                2,
                2,
                cache,
                project.resolve("target/generated-resources/gigachat"),
                project.resolve("target/gigachat/embed-state.json"),
                project.resolve("target/gigachat/embed-report.json"),
                List.of("native"),
                maxTokens,
                dryRun,
                40,
                emulated,
                10_000_000,
                "test");
    }

    private EmbedReport run(EmulatorAccount account) throws Exception {
        return run(settings(project.resolve("target/gigachat/cache"), false, null), account);
    }

    private EmbedReport run(EmbedRun.Settings settings, EmulatorAccount account) throws Exception {
        EmbedRun.Log log = new EmbedRun.Log() {
            @Override
            public void info(String message) {
                infos.add(message);
                if (message.startsWith("Embedding plan:")) {
                    afterPlan.run();
                }
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
        return new EmbedRun(settings, log, Clock.systemUTC()).run(() -> session(account));
    }

    private Map<String, byte[]> outputs() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Path root = project.resolve("target/generated-resources/gigachat");
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private List<String> sources() throws IOException {
        return Files.readAllLines(project.resolve(
                        "target/generated-resources/gigachat/META-INF/gigachat/embeddings/chunks.jsonl"))
                .stream()
                .map(line -> line.replaceAll(".*\"source\"\\s*:\\s*\"([^\"]+)\".*", "$1"))
                .distinct()
                .toList();
    }

    @Test
    void firstRunEmbedsEverythingSecondRunNothing() throws Exception {
        EmbedReport first = run(EmulatorAccount.DEMO_B2B_PAID);
        assertThat(first.newChunks()).isEqualTo(first.chunks()).isGreaterThanOrEqualTo(3);
        assertThat(first.requests()).isGreaterThanOrEqualTo(2);
        assertThat(emulator.stats().embeddedTexts()).isEqualTo(first.chunks());
        Path manifest =
                project.resolve("target/generated-resources/gigachat/META-INF/gigachat/embeddings/manifest.json");
        FileTime written = Files.getLastModifiedTime(manifest);
        int requestsSoFar = emulator.stats().requests(Endpoint.EMBEDDINGS);

        EmbedReport second = run(EmulatorAccount.DEMO_B2B_PAID);

        assertThat(second.upToDate()).isTrue();
        assertThat(second.requests()).isZero();
        assertThat(second.chunks()).isEqualTo(first.chunks());
        assertThat(second.cacheHits()).isEqualTo(first.chunks());
        assertThat(second.dimensions()).isEqualTo(1024);
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(requestsSoFar);
        assertThat(Files.getLastModifiedTime(manifest)).isEqualTo(written);
        assertThat(sources()).containsExactly("docs/a.md", "docs/b.md", "docs/c.txt");
    }

    @Test
    void aChangedFileReembedsOnlyItsChunks() throws Exception {
        EmbedReport first = run(EmulatorAccount.DEMO_B2B_PAID);
        long before = emulator.stats().embeddedTexts();
        write("docs/b.md", "# Beta\n\nThe second document now explains something else entirely.\n");

        EmbedReport second = run(EmulatorAccount.DEMO_B2B_PAID);

        assertThat(second.upToDate()).isFalse();
        assertThat(second.newChunks()).isEqualTo(1);
        assertThat(second.cacheHits()).isEqualTo(first.chunks() - 1);
        assertThat(emulator.stats().embeddedTexts() - before).isEqualTo(1);
    }

    @Test
    void aDeletedFileDisappearsFromTheOutputs() throws Exception {
        run(EmulatorAccount.DEMO_B2B_PAID);
        Files.delete(project.resolve("docs/b.md"));

        EmbedReport second = run(EmulatorAccount.DEMO_B2B_PAID);

        assertThat(second.requests()).isZero();
        assertThat(sources()).containsExactly("docs/a.md", "docs/c.txt");
    }

    @Test
    void afterACleanTheCacheMakesTheSameOutputsWithoutARequest() throws Exception {
        Path cache = project.resolve("outside-target-cache");
        run(settings(cache, false, null), EmulatorAccount.DEMO_B2B_PAID);
        Map<String, byte[]> before = outputs();
        int requests = emulator.stats().requests(Endpoint.EMBEDDINGS);
        deleteRecursively(project.resolve("target"));

        EmbedReport again = run(settings(cache, false, null), EmulatorAccount.DEMO_B2B_PAID);

        assertThat(again.requests()).isZero();
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(requests);
        Map<String, byte[]> after = outputs();
        assertThat(after).containsOnlyKeys(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void twoCleanBuildsWithFreshCachesAreByteIdentical() throws Exception {
        run(settings(project.resolve("cache-1"), false, null), EmulatorAccount.DEMO_B2B_PAID);
        Map<String, byte[]> first = outputs();
        deleteRecursively(project.resolve("target"));

        run(settings(project.resolve("cache-2"), false, null), EmulatorAccount.DEMO_B2B_PAID);

        Map<String, byte[]> second = outputs();
        assertThat(second).containsOnlyKeys(first.keySet());
        first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void emulatedVectorsAreNeverServedToARealRun() throws Exception {
        Path cache = project.resolve("shared-cache");
        EmbedReport emulated = run(settings(cache, false, null, true), EmulatorAccount.DEMO_B2B_PAID);
        deleteRecursively(project.resolve("target"));

        EmbedReport real = run(settings(cache, false, null, false), EmulatorAccount.DEMO_B2B_PAID);

        assertThat(real.cacheHits()).isZero();
        assertThat(real.newChunks()).isEqualTo(emulated.chunks());
        assertThat(project.resolve("target/generated-resources/gigachat/META-INF/gigachat/embeddings/manifest.json"))
                .content()
                .contains("\"emulated\": false");
    }

    @Test
    void aChunkTooLargeEvenAloneIsNamedBySourceAndIndex() {
        emulator.injectFault(io.github.gigachat.emulator.Fault.on(Endpoint.EMBEDDINGS)
                .times(50)
                .status(413, "{\"status\":413,\"message\":\"Payload too large\"}"));
        ChunkTooLargeException e =
                catchThrowableOfType(() -> run(EmulatorAccount.DEMO_B2B_PAID), ChunkTooLargeException.class);
        assertThat(e.source()).matches("docs/[abc]\\.(md|txt)");
        assertThat(e.chunkIndex()).isZero();
        assertThat(e.maxChunkTokens()).isEqualTo(64);
        assertThat(e.modelLimit()).as("a plain 413 names no limit").isEqualTo(-1);
        assertThat(e.getMessage()).contains(e.source() + " chunk #0").doesNotContain("gigachat.");
    }

    @Test
    void aBudgetTooSmallSendsNothing() {
        assertThatThrownBy(() -> run(
                        settings(project.resolve("target/gigachat/cache"), false, 5L), EmulatorAccount.DEMO_B2B_PAID))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.budget()).isEqualTo(5);
                    assertThat(e.estimatedTokens()).isGreaterThan(5);
                })
                .hasMessageContaining("Nothing was sent");
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isZero();
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
    }

    @Test
    void aDryRunSendsNothingAndReportsThePlan() throws Exception {
        EmbedReport report =
                run(settings(project.resolve("target/gigachat/cache"), true, null), EmulatorAccount.DEMO_B2B_PAID);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.newChunks()).isGreaterThanOrEqualTo(3);
        assertThat(report.estimatedTokens()).isPositive();
        assertThat(emulator.stats().totalRequests()).isZero();
        assertThat(infos).anyMatch(line -> line.startsWith("Dry run:") && line.contains("RUB"));
        assertThat(project.resolve("target/gigachat/embed-report.json")).exists();
    }

    @Test
    void paymentRequiredMidRunKeepsWhatWasEmbeddedAndARerunFinishes() throws Exception {
        assertThatThrownBy(() -> run(SMALL_BALANCE))
                .isInstanceOf(PaymentRequiredException.class)
                .hasMessageContaining("Embeddings");
        long paidFor = emulator.stats().embeddedTexts();
        assertThat(paidFor).isPositive();
        assertThat(project.resolve("target/gigachat/embed-report.json"))
                .content()
                .contains("\"outcome\" : \"FAILED\"");

        emulator.setBalance(SMALL_BALANCE.clientId(), "embeddings", 1_000_000);
        EmbedReport rerun = run(SMALL_BALANCE);

        assertThat(rerun.cacheHits()).isEqualTo(paidFor);
        assertThat(emulator.stats().embeddedTexts()).isEqualTo(rerun.chunks());
    }

    @Test
    void aFileChangedBetweenThePassesStopsTheRunNamingIt() {
        afterPlan = () -> {
            try {
                write("docs/b.md", "# Beta\n\nChanged while the build ran.\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        InputChangedException e =
                catchThrowableOfType(() -> run(EmulatorAccount.DEMO_B2B_PAID), InputChangedException.class);

        assertThat(e.relativePath()).isEqualTo("docs/b.md");
        assertThat(e.getMessage()).contains("docs/b.md changed while the embeddings were being built");
        assertThat(project.resolve("target/generated-resources/gigachat/META-INF"))
                .doesNotExist();
        assertThat(project.resolve("target/gigachat/embed-report.json"))
                .content()
                .contains("docs/b.md changed");
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
