package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output directory shared with other resources (as when teams point it at {@code src/main/resources} to commit the
 * vectors): the plugin deletes only files it recorded as its own and unchanged, never reads its outputs back, and
 * refuses layouts it cannot handle safely, before any request.
 */
class EmbedRunOutputsTest {
    private static final String EMBEDDINGS = "META-INF/gigachat/embeddings/";

    @TempDir
    Path project;

    private Path resources;
    private GigaChatEmulator emulator;
    private GigaChatClient client;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        emulator = GigaChatEmulator.builder().demoAccounts().start();
        client = GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(emulator.authUrl())
                        .baseUrl(emulator.baseUrl())
                        .build(),
                new SecretMasker());
        resources = project.resolve("src/main/resources");
        write("docs/a.md", "# Alpha\n\nThe first document talks about returns within thirty days.\n");
        write(EMBEDDINGS + "README.md", "# Our notes\n\nWhy the vectors are committed next to the docs.\n");
        write(EMBEDDINGS + "other.json", "{\"ours\": true}\n");
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private void write(String relative, String text) throws IOException {
        Path file = resources.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private EmbedRun.Settings settings(Path outputRoot, Path cache, List<String> includes, String... formats) {
        return new EmbedRun.Settings(
                project,
                List.of(new FileSetSpec(resources, includes, List.of())),
                "Embeddings",
                new ChunkerSettings(64, 0),
                4,
                2,
                cache,
                outputRoot,
                project.resolve("target/gigachat/embed-state.json"),
                project.resolve("target/gigachat/embed-report.json"),
                List.of(formats),
                null,
                false,
                40,
                true,
                10_000_000,
                "test");
    }

    private EmbedRun.Settings intoResources(String... formats) {
        return settings(resources, project.resolve("target/gigachat/cache"), InputScanner.DEFAULT_INCLUDES, formats);
    }

    private EmbedReport run(EmbedRun.Settings settings) throws Exception {
        EmbedRun.Log log = new EmbedRun.Log() {
            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
        return new EmbedRun(settings, log, Clock.systemUTC())
                .run(() -> client.session(
                        KeyFormat.check(EmulatorAccount.DEMO_B2B_PAID.authorizationKey())
                                .key(),
                        Scope.B2B));
    }

    private List<String> sources() throws IOException {
        return Files.readAllLines(resources.resolve(EMBEDDINGS + "chunks.jsonl")).stream()
                .map(line -> line.replaceAll(".*\"source\"\\s*:\\s*\"([^\"]+)\".*", "$1"))
                .distinct()
                .toList();
    }

    @Test
    void replacingAnOutputNoBuildRecordedWritingIsAWarningAndKeepingItIsSilent() throws Exception {
        write(EMBEDDINGS + "manifest.json", "{\"a file of ours\": \"that happens to share the name\"}\n");

        run(intoResources("native"));

        assertThat(warnings).anySatisfy(w -> assertThat(w)
                .startsWith("Replaced " + resources.resolve(EMBEDDINGS + "manifest.json"))
                .contains("restore it from version control"));

        // a fresh checkout of vectors committed by an earlier build: same content, nothing replaced, nothing said
        warnings.clear();
        Files.delete(project.resolve("target/gigachat/embed-state.json"));
        run(intoResources("native"));

        assertThat(warnings).noneMatch(w -> w.startsWith("Replaced "));
    }

    @Test
    void otherFilesUnderTheEmbeddingsDirectorySurviveTwoBuildsAndStayInputs() throws Exception {
        run(intoResources("native"));
        EmbedReport second = run(intoResources("native"));

        assertThat(second.upToDate()).isTrue();
        assertThat(resources.resolve(EMBEDDINGS + "README.md"))
                .hasContent("# Our notes\n\nWhy the vectors are" + " committed next to the docs.");
        assertThat(resources.resolve(EMBEDDINGS + "other.json")).hasContent("{\"ours\": true}");
        assertThat(sources())
                .containsExactly(
                        "src/main/resources/META-INF/gigachat/embeddings/README.md", "src/main/resources/docs/a.md");
    }

    @Test
    void aDroppedFormatRemovesOnlyTheFileThePluginRecordedAsItsOwn() throws Exception {
        run(intoResources("native", "spring-ai"));
        write(EMBEDDINGS + "langchain4j-embedding-store.json", "{\"hand\": \"made\"}\n");

        EmbedReport second = run(intoResources("native"));

        assertThat(resources.resolve(EMBEDDINGS + "spring-ai-vector-store.json"))
                .doesNotExist();
        assertThat(resources.resolve(EMBEDDINGS + "langchain4j-embedding-store.json"))
                .hasContent("{\"hand\": \"made\"}");
        assertThat(warnings)
                .anyMatch(w -> w.contains("langchain4j-embedding-store.json") && w.contains("left in place"));
        assertThat(second.outputs())
                .containsExactly(EMBEDDINGS + "chunks.jsonl", EMBEDDINGS + "manifest.json", EMBEDDINGS + "vectors.npy");
        assertThat(resources.resolve(EMBEDDINGS + "other.json")).exists();
    }

    @Test
    void aRecordedOutputChangedByHandIsNotDeleted() throws Exception {
        run(intoResources("native", "spring-ai"));
        write(EMBEDDINGS + "spring-ai-vector-store.json", "{\"edited\": true}\n");

        run(intoResources("native"));

        assertThat(resources.resolve(EMBEDDINGS + "spring-ai-vector-store.json"))
                .hasContent("{\"edited\": true}");
    }

    @Test
    void theOutputsAreNeverReadBackAsInputs() throws Exception {
        List<String> everything = List.of("**/*");
        EmbedReport first = run(settings(resources, project.resolve("target/cache"), everything, "native"));
        write("docs/a.md", "# Alpha\n\nThe first document now says something else.\n");

        EmbedReport second = run(settings(resources, project.resolve("target/cache"), everything, "native"));

        assertThat(second.files()).isEqualTo(first.files()).isEqualTo(3); // a.md, README.md, other.json
        assertThat(sources())
                .noneMatch(source ->
                        source.endsWith(".jsonl") || source.endsWith(".npy") || source.endsWith("manifest.json"));
    }

    @Test
    void afterACleanAnInputThatWouldBeOverwrittenIsRefusedBeforeAnyRequest() throws Exception {
        List<String> everything = List.of("**/*");
        run(settings(resources, project.resolve("target/cache"), everything, "native"));
        byte[] chunks = Files.readAllBytes(resources.resolve(EMBEDDINGS + "chunks.jsonl"));
        Files.delete(project.resolve("target/gigachat/embed-state.json"));
        int requests = emulator.stats().totalRequests();

        OutputConflictException e = catchThrowableOfType(
                () -> run(settings(resources, project.resolve("target/cache"), everything, "native")),
                OutputConflictException.class);

        assertThat(e.kind()).isEqualTo(OutputConflictException.Kind.OVERWRITES_INPUT);
        assertThat(e.other().getFileName().toString()).isIn("chunks.jsonl", "manifest.json", "vectors.npy");
        assertThat(emulator.stats().totalRequests()).isEqualTo(requests);
        assertThat(resources.resolve(EMBEDDINGS + "chunks.jsonl")).hasBinaryContent(chunks);
    }

    @Test
    void theProjectDirectoryOrAboveIsRefused() throws Exception {
        assertRefused(
                settings(project, project.resolve("target/cache"), InputScanner.DEFAULT_INCLUDES, "native"),
                OutputConflictException.Kind.PROJECT_DIRECTORY);
        assertRefused(
                settings(project.getParent(), project.resolve("target/cache"), InputScanner.DEFAULT_INCLUDES, "native"),
                OutputConflictException.Kind.PROJECT_DIRECTORY);
    }

    @Test
    void anOutputDirectoryOverlappingTheCacheIsRefused() throws Exception {
        Path cache = project.resolve("target/gigachat/cache");
        assertRefused(
                settings(cache, cache, InputScanner.DEFAULT_INCLUDES, "native"),
                OutputConflictException.Kind.INSIDE_CACHE);
        assertRefused(
                settings(cache.resolve("out"), cache, InputScanner.DEFAULT_INCLUDES, "native"),
                OutputConflictException.Kind.INSIDE_CACHE);
        assertRefused(
                settings(project.resolve("target"), cache, InputScanner.DEFAULT_INCLUDES, "native"),
                OutputConflictException.Kind.CONTAINS_CACHE);
    }

    @Test
    void anOutputDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(project.resolve("out"), "a file");
        assertRefused(
                settings(file, project.resolve("target/cache"), InputScanner.DEFAULT_INCLUDES, "native"),
                OutputConflictException.Kind.NOT_A_DIRECTORY);
    }

    private void assertRefused(EmbedRun.Settings settings, OutputConflictException.Kind kind) {
        OutputConflictException e = catchThrowableOfType(() -> run(settings), OutputConflictException.class);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getMessage()).doesNotContain("gigachat.");
        assertThat(emulator.stats().totalRequests()).isZero();
        assertThat(Files.exists(settings.outputRoot().resolve("META-INF"))).isFalse();
    }
}
