package io.github.gigachat.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gigachat:embed} as Maven runs it: the mojo is looked up and configured by the plugin testing harness from the
 * real plugin descriptor, then executed against an in-process {@link GigaChatEmulator}.
 *
 * <p>The harness's {@link MavenProject} (3.5.1: a Mockito spy of a real project) lives in the plugin's own directory:
 * its resource directory is this repository's {@code src/main/resources} and {@code ${project.build.directory}} is
 * this repository's {@code target}. Left alone, the goal would embed the plugin's own resources and write into its
 * {@code target}. So every test gives the mojo a real project in a temporary directory of its own, with {@code
 * src/main/resources} as its resource directory, and points the directories that default to {@code
 * ${project.build.directory}} into that project's {@code target}. The environment is replaced with a map of the
 * test's own, so no real key can leak in.
 */
@MojoTest
class EmbedMojoTest {
    private static final String POM = "src/test/resources/unit/basic/pom.xml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KEY =
            Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_B2B_PAID.authorizationKey());

    @TempDir
    Path base;

    private GigaChatEmulator emulator;
    private final VerifyMojoTest.CapturingLog log = new VerifyMojoTest.CapturingLog();

    private Path resources;
    private Path target;
    private Path outputDirectory;
    private Path reportDirectory;
    private Path cacheDirectory;

    @BeforeEach
    void startEmulator() throws IOException {
        emulator = GigaChatEmulator.builder().demoAccounts().start();
        resources = Files.createDirectories(base.resolve("src/main/resources"));
        target = base.resolve("target");
        outputDirectory = target.resolve("generated-resources/gigachat");
        reportDirectory = target.resolve("gigachat");
        cacheDirectory = target.resolve("gigachat/cache");
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    // -------------------------------------------------------------------------------- 1. output directory, skip

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    void skippedByGigachatSkipStillRegistersTheOutputDirectoryOnce(EmbedMojo mojo) throws Exception {
        prepare(mojo, KEY);
        pointAtEmulator(mojo);
        writeDocs();

        mojo.execute();
        mojo.execute();

        assertOutputDirectoryRegisteredOnce(mojo);
        assertThat(log.lines("INFO")).anyMatch(l -> l.contains("skipped (gigachat.skip)"));
        assertThat(emulator.stats().totalRequests()).isZero();
        assertThat(outputDirectory.resolve("META-INF")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    @MojoParameter(name = "embedSkip", value = "true")
    void skippedByEmbedSkipStillRegistersTheOutputDirectoryOnce(EmbedMojo mojo) throws Exception {
        prepare(mojo, KEY);
        pointAtEmulator(mojo);
        writeDocs();

        mojo.execute();
        mojo.execute();

        assertOutputDirectoryRegisteredOnce(mojo);
        assertThat(log.lines("INFO")).anyMatch(l -> l.contains("skipped (gigachat.embed.skip)"));
        assertThat(emulator.stats().totalRequests()).isZero();
        assertThat(outputDirectory.resolve("META-INF")).doesNotExist();
    }

    // ------------------------------------------------------------------------------- credentials beyond the key

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    void embedsWithAnAccessTokenAndNoExchange(EmbedMojo mojo) throws Exception {
        String token = emulator.issueToken(EmulatorAccount.DEMO_B2B_PAID);
        prepare(mojo, Map.of("GIGACHAT_ACCESS_TOKEN", token));
        pointAtEmulator(mojo);
        writeDocs();

        mojo.execute();

        assertThat(embeddingsDirectory().resolve("vectors.npy")).isRegularFile();
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isPositive();
        assertThat(log.lines("INFO"))
                .anyMatch(l -> l.contains("the environment variable GIGACHAT_ACCESS_TOKEN (access token)"));
        assertThat(log.text()).doesNotContain(token);
    }

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    void embedsWithAUserAndPasswordExchangedOnceAtToken(EmbedMojo mojo) throws Exception {
        prepare(
                mojo,
                Map.of(
                        "GIGACHAT_USER", EmulatorAccount.DEMO_USER,
                        "GIGACHAT_PASSWORD", EmulatorAccount.DEMO_PASSWORD));
        pointAtEmulator(mojo);
        writeDocs();

        mojo.execute();

        assertThat(embeddingsDirectory().resolve("vectors.npy")).isRegularFile();
        assertThat(emulator.stats().requests(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
    }

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    void aRefusedUserStopsTheGoalSayingWhereItCameFrom(EmbedMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_USER", EmulatorAccount.DEMO_USER, "GIGACHAT_PASSWORD", "not-the-password"));
        pointAtEmulator(mojo);
        writeDocs();

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("/token endpoint refused the user and password")
                .hasMessageContaining("GIGACHAT_USER and GIGACHAT_PASSWORD")
                .hasMessageNotContaining("not-the-password");
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isZero();
    }

    // ------------------------------------------------------------------------------- 2. embed, then up to date

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    void embedsTheResourcesThenIsUpToDateWithoutAnyRequest(EmbedMojo mojo) throws Exception {
        prepare(mojo, KEY);
        pointAtEmulator(mojo);
        writeDocs();

        mojo.execute();

        Path embeddings = embeddingsDirectory();
        assertThat(embeddings.resolve("manifest.json")).isRegularFile();
        assertThat(embeddings.resolve("chunks.jsonl")).isRegularFile();
        assertThat(embeddings.resolve("vectors.npy")).isRegularFile();

        JsonNode report = embedReport();
        assertThat(report.path("outcome").asText()).isEqualTo("OK");
        assertThat(report.path("upToDate").asBoolean()).isFalse();
        assertThat(report.path("emulated").asBoolean()).isFalse();
        assertThat(report.path("files").asInt()).isEqualTo(2); // notes.properties is not a default include
        long requests = report.path("requests").asLong();
        assertThat(requests).isPositive();
        int embeddingRequests = emulator.stats().requests(Endpoint.EMBEDDINGS);
        assertThat(embeddingRequests).isEqualTo((int) requests);
        long embeddedTexts = emulator.stats().embeddedTexts();
        assertThat(embeddedTexts).isEqualTo(report.path("newChunks").asLong()).isPositive();

        JsonNode manifest = manifest();
        List<JsonNode> chunks = chunkLines();
        int dimensions = manifest.path("dimensions").asInt();
        assertThat(manifest.path("emulated").asBoolean()).isFalse();
        assertThat(manifest.path("model").asText()).isEqualTo("Embeddings");
        assertThat(dimensions).isPositive().isEqualTo(report.path("dimensions").asInt());
        assertThat(manifest.path("count").asInt())
                .isEqualTo(chunks.size())
                .isEqualTo(report.path("chunks").asInt());
        assertThat(chunks)
                .extracting(c -> c.path("source").asText())
                .containsOnly("src/main/resources/guide.md", "src/main/resources/docs/faq.txt");
        byte[] npy = Files.readAllBytes(embeddings.resolve("vectors.npy"));
        int headerBytes = manifest.path("vectors").path("headerBytes").asInt();
        assertThat(npy.length).isEqualTo(headerBytes + chunks.size() * dimensions * Float.BYTES);
        assertThat(new String(npy, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        ByteBuffer firstRow =
                ByteBuffer.wrap(npy, headerBytes, dimensions * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        boolean anyNonZero = false;
        for (int i = 0; i < dimensions; i++) {
            anyNonZero |= firstRow.getFloat() != 0f;
        }
        assertThat(anyNonZero).as("the first vector holds values").isTrue();
        byte[] manifestBefore = Files.readAllBytes(embeddings.resolve("manifest.json"));

        mojo.execute(); // nothing changed

        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(embeddingRequests);
        assertThat(emulator.stats().embeddedTexts()).isEqualTo(embeddedTexts);
        JsonNode second = embedReport();
        assertThat(second.path("outcome").asText()).isEqualTo("OK");
        assertThat(second.path("upToDate").asBoolean()).isTrue();
        assertThat(second.path("requests").asLong()).isZero();
        assertThat(second.path("chunks").asInt()).isEqualTo(chunks.size());
        assertThat(Files.readAllBytes(embeddings.resolve("manifest.json"))).isEqualTo(manifestBefore);
        assertOutputDirectoryRegisteredOnce(mojo);
    }

    // --------------------------------------------------------------------------------------- 3. resource excludes

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    void excludesOfTheResourceKeepFilesOutOfTheEmbeddings(EmbedMojo mojo) throws Exception {
        prepare(mojo, KEY, "**/internal/**");
        pointAtEmulator(mojo);
        writeDocs();
        write("internal/secret-plans.md", "# Secret plans\n\nThe launch date is a well kept secret: Tuesday.\n");

        mojo.execute();

        List<JsonNode> chunks = chunkLines();
        assertThat(chunks).isNotEmpty();
        assertThat(chunks)
                .extracting(c -> c.path("source").asText())
                .contains("src/main/resources/guide.md")
                .noneMatch(source -> source.contains("internal"));
        assertThat(Files.readString(embeddingsDirectory().resolve("chunks.jsonl")))
                .doesNotContain("well kept secret");
        assertThat(embedReport().path("files").asInt()).isEqualTo(2);
    }

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    void includesOfTheResourceLimitTheEmbeddingsToWhatIsPackaged(EmbedMojo mojo) throws Exception {
        prepare(mojo, KEY);
        mojo.project.getResources().get(0).addInclude("public/**");
        pointAtEmulator(mojo);
        writeDocs();
        write("public/guide.md", "# Public guide\n\nThis page ships in the jar and is embedded.\n");

        mojo.execute();

        assertThat(chunkLines())
                .extracting(c -> c.path("source").asText())
                .containsOnly("src/main/resources/public/guide.md");
    }

    // -------------------------------------------------------------------------------------------- 4. bad format

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    @MojoParameter(name = "formats", value = "native,springai")
    void unknownFormatFailsBeforeAnyRequest(EmbedMojo mojo) throws Exception {
        prepare(mojo, KEY);
        pointAtEmulator(mojo);
        writeDocs();

        Throwable thrown = catchThrowable(mojo::execute);

        assertThat(thrown)
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("springai")
                .hasMessageContaining("native")
                .hasMessageContaining("spring-ai")
                .hasMessageContaining("langchain4j");
        assertThat(emulator.stats().totalRequests()).isZero();
        assertThat(outputDirectory.resolve("META-INF")).doesNotExist();
        assertThat(cacheDirectory).doesNotExist();
    }

    // ----------------------------------------------------------------------------------------------- 5. budget

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    @MojoParameter(name = "maxTokens", value = "5")
    void budgetTooSmallFailsWithoutSending(EmbedMojo mojo) throws Exception {
        prepare(mojo, KEY);
        pointAtEmulator(mojo);
        writeDocs();

        Throwable thrown = catchThrowable(mojo::execute);

        assertThat(thrown)
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessageContaining("gigachat.embed.maxTokens=5")
                .hasMessageContaining("Nothing was sent");
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isZero();
        assertThat(emulator.stats().totalRequests()).isZero();
        JsonNode report = embedReport();
        assertThat(report.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(report.path("estimatedTokens").asLong()).isGreaterThan(5);
        assertThat(outputDirectory.resolve("META-INF")).doesNotExist();
    }

    // ----------------------------------------------------------------------------------------------- 6. dry run

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    @MojoParameter(name = "dryRun", value = "true")
    void dryRunSendsAndWritesNothing(EmbedMojo mojo) throws Exception {
        prepare(mojo, KEY);
        pointAtEmulator(mojo);
        writeDocs();

        mojo.execute();

        assertThat(emulator.stats().totalRequests()).isZero();
        assertThat(outputDirectory.resolve("META-INF")).doesNotExist();
        assertThat(reportDirectory.resolve("embed-state.json")).doesNotExist();
        JsonNode report = embedReport();
        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("outcome").asText()).isEqualTo("DRY_RUN");
        assertThat(report.path("newChunks").asLong()).isPositive();
        assertThat(report.path("estimatedTokens").asLong()).isPositive();
        assertThat(report.path("requests").asLong()).isZero();
        assertThat(log.lines("INFO")).anyMatch(l -> l.contains("Dry run:") && l.contains("Nothing was sent"));
        assertThat(log.lines("INFO")).anyMatch(l -> l.contains("src/main/resources/guide.md"));
    }

    // ------------------------------------------------------------------------------------------------- 7. no key

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    void noKeyIsAnErrorNamingTheVariable(EmbedMojo mojo) throws Exception {
        prepare(mojo, Map.of());
        pointAtEmulator(mojo);
        writeDocs();

        Throwable thrown = catchThrowable(mojo::execute);

        assertThat(thrown)
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("No GigaChat key found")
                .hasMessageContaining("GIGACHAT_CREDENTIALS");
        assertThat(emulator.stats().totalRequests()).isZero();
        assertThat(outputDirectory.resolve("META-INF")).doesNotExist();
        assertThat(embedReport().path("outcome").asText()).isEqualTo("FAILED");
    }

    // ------------------------------------------------------------------------------------------------- 8. offline

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    void offlineWithAnEmptyCacheFails(EmbedMojo mojo) throws Exception {
        prepare(mojo, KEY);
        pointAtEmulator(mojo);
        writeDocs();
        when(mojo.session.isOffline()).thenReturn(true);

        Throwable thrown = catchThrowable(mojo::execute);

        assertThat(thrown).isExactlyInstanceOf(MojoExecutionException.class).hasMessageContaining("offline");
        assertThat(emulator.stats().totalRequests()).isZero();
        assertThat(outputDirectory.resolve("META-INF")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    void offlineWithAFilledCacheSucceedsWithoutAnyRequest(EmbedMojo mojo) throws Exception {
        prepare(mojo, KEY);
        pointAtEmulator(mojo);
        writeDocs();
        mojo.execute(); // online: fills the cache
        int requestsOnline = emulator.stats().totalRequests();
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isPositive();
        byte[] chunksOnline = Files.readAllBytes(embeddingsDirectory().resolve("chunks.jsonl"));
        byte[] vectorsOnline = Files.readAllBytes(embeddingsDirectory().resolve("vectors.npy"));
        // without the state file the run cannot be 'up to date': it must plan and find every chunk in the cache
        Files.delete(reportDirectory.resolve("embed-state.json"));
        deleteRecursively(outputDirectory);
        when(mojo.session.isOffline()).thenReturn(true);

        mojo.execute();

        assertThat(emulator.stats().totalRequests()).isEqualTo(requestsOnline);
        JsonNode report = embedReport();
        assertThat(report.path("outcome").asText()).isEqualTo("OK");
        assertThat(report.path("upToDate").asBoolean()).isFalse();
        assertThat(report.path("newChunks").asLong()).isZero();
        assertThat(report.path("cacheHits").asLong())
                .isPositive()
                .isEqualTo(report.path("chunks").asLong());
        assertThat(report.path("requests").asLong()).isZero();
        assertThat(Files.readAllBytes(embeddingsDirectory().resolve("chunks.jsonl")))
                .isEqualTo(chunksOnline);
        assertThat(Files.readAllBytes(embeddingsDirectory().resolve("vectors.npy")))
                .isEqualTo(vectorsOnline);
    }

    // ------------------------------------------------------------------------------------------------ 9. emulator

    @Test
    @InjectMojo(goal = "embed", pom = POM)
    @MojoParameter(name = "emulator", value = "true")
    void emulatorModeNeedsNoKeyAndMarksTheManifest(EmbedMojo mojo) throws Exception {
        prepare(mojo, Map.of());
        writeDocs();

        mojo.execute();

        JsonNode manifest = manifest();
        assertThat(manifest.path("emulated").isBoolean()).isTrue();
        assertThat(manifest.path("emulated").asBoolean()).isTrue();
        assertThat(manifest.path("count").asInt()).isPositive();
        assertThat(embedReport().path("emulated").asBoolean()).isTrue();
        assertThat(embedReport().path("requests").asLong()).isPositive();
        assertThat(log.lines("WARN")).anyMatch(l -> l.contains("EMULATOR"));
        // the built-in emulator was used, not the one this test started
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    /**
     * Gives the mojo a real project in {@link #base} (with {@code excludes} on its resource directory), its own
     * environment and log, and the directories that default to {@code ${project.build.directory}}.
     */
    private void prepare(EmbedMojo mojo, Map<String, String> environment, String... excludes)
            throws IllegalAccessException {
        Model model = new Model();
        model.setModelVersion("4.0.0");
        model.setGroupId("io.github.gigachat.test");
        model.setArtifactId("embed");
        model.setVersion("1.0");
        Build build = new Build();
        build.setDirectory(target.toString());
        build.setOutputDirectory(target.resolve("classes").toString());
        model.setBuild(build);
        MavenProject project = new MavenProject(model);
        project.setFile(base.resolve("pom.xml").toFile());
        Resource resource = new Resource();
        resource.setDirectory(resources.toString());
        for (String exclude : excludes) {
            resource.addExclude(exclude);
        }
        project.addResource(resource);
        mojo.project = project;

        mojo.environment = new HashMap<>(environment);
        MojoExtension.setVariableValueToObject(mojo, "outputDirectory", outputDirectory.toFile());
        MojoExtension.setVariableValueToObject(mojo, "reportDirectory", reportDirectory.toFile());
        MojoExtension.setVariableValueToObject(mojo, "cacheDirectory", cacheDirectory.toFile());
        mojo.setLog(log);
    }

    private void pointAtEmulator(EmbedMojo mojo) {
        mojo.authUrl = emulator.authUrl().toString();
        mojo.baseUrl = emulator.baseUrl().toString();
        mojo.timeout = 10;
    }

    /** Two default includes (Markdown and text) and one file that is not. */
    private void writeDocs() throws IOException {
        write(
                "guide.md",
                "# Guide\n\nInstall the plugin and run mvn package.\n\n## Usage\n\nConfigure the key in settings.xml.\n");
        write(
                "docs/faq.txt",
                "Frequently asked questions.\n\nWhy embed at build time? So that the jar carries them.\n");
        write("notes.properties", "not.embedded=true\n");
    }

    private void write(String relative, String text) throws IOException {
        Path file = resources.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void assertOutputDirectoryRegisteredOnce(EmbedMojo mojo) {
        String expected = outputDirectory.toFile().getAbsolutePath();
        assertThat(mojo.project.getResources())
                .extracting(Resource::getDirectory)
                .containsExactly(resources.toString(), expected);
    }

    private Path embeddingsDirectory() {
        return outputDirectory.resolve("META-INF/gigachat/embeddings");
    }

    private JsonNode embedReport() throws IOException {
        Path file = reportDirectory.resolve("embed-report.json");
        assertThat(file).exists();
        return JSON.readTree(file.toFile());
    }

    private JsonNode manifest() throws IOException {
        Path file = embeddingsDirectory().resolve("manifest.json");
        assertThat(file).exists();
        return JSON.readTree(file.toFile());
    }

    private List<JsonNode> chunkLines() throws IOException {
        Path file = embeddingsDirectory().resolve("chunks.jsonl");
        assertThat(file).exists();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
