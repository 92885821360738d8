package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gigachat.client.GigaChatClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run against an API (WireMock) whose per-text limit, 60 of its tokens, is far below what the chunker makes
 * (256 estimated tokens): every long chunk is refused with {@code 413 Tokens limit exceeded}, split again, and its
 * pieces replace it in the outputs. The next build, even after a clean, finds the pieces in the cache.
 */
class EmbedRunTokenLimitTest {
    private static final int SERVER_MAX = 60;
    private static final String CHUNKS =
            "target/generated-resources/gigachat/META-INF/gigachat/embeddings/chunks.jsonl";

    @TempDir
    Path project;

    private TokenLimitServer server;
    private GigaChatClient client;
    private final List<String> infos = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new TokenLimitServer(SERVER_MAX);
        client = server.client();
        StringBuilder guide = new StringBuilder("# Guide\n\n## Long section\n\n");
        for (int i = 0; i < 12; i++) {
            guide.append("Sentence number ").append(i).append(" of the long section explains the build in detail. ");
        }
        guide.append("\n\n## Short section\n\nShort and fine.\n");
        write("docs/guide.md", guide.toString());
        write("docs/short.txt", "A short note.\n");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private EmbedReport run() throws Exception {
        EmbedRun.Settings settings = new EmbedRun.Settings(
                project,
                List.of(FileSetSpec.of(project.resolve("docs"))),
                "Embeddings",
                new ChunkerSettings(256, 0),
                4,
                2,
                project.resolve("cache"),
                project.resolve("target/generated-resources/gigachat"),
                project.resolve("target/gigachat/embed-state.json"),
                project.resolve("target/gigachat/embed-report.json"),
                List.of("native", "spring-ai", "langchain4j"),
                null,
                false,
                40,
                false,
                10_000_000,
                "test");
        EmbedRun.Log log = new EmbedRun.Log() {
            @Override
            public void info(String message) {
                infos.add(message);
            }

            @Override
            public void warn(String message) {}
        };
        return new EmbedRun(settings, log, Clock.systemUTC())
                .pacedBy(new ManualPaceClock())
                .run(() -> TokenLimitServer.session(client));
    }

    private List<JsonNode> rows() throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(project.resolve(CHUNKS))) {
            rows.add(JsonTrees.MAPPER.readTree(line));
        }
        return rows;
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

    @Test
    void aChunkOverTheModelsLimitIsEmbeddedAsPiecesWithTheirOwnOffsetsAndItsHeadings() throws Exception {
        EmbedReport report = run();

        assertThat(report.splitChunks()).isPositive();
        List<JsonNode> rows = rows();
        assertThat(rows).hasSize((int) report.chunks());
        Map<String, String> texts = Map.of(
                "docs/guide.md", Files.readString(project.resolve("docs/guide.md")),
                "docs/short.txt", Files.readString(project.resolve("docs/short.txt")));
        Map<String, Integer> nextIndex = new HashMap<>();
        Map<String, Integer> lastEnd = new HashMap<>();
        for (JsonNode row : rows) {
            String source = row.path("source").asText();
            String text = row.path("text").asText();
            int start = row.path("start").asInt();
            int end = row.path("end").asInt();
            assertThat(texts.get(source).substring(start, end))
                    .as("offsets of %s", row)
                    .isEqualTo(text);
            assertThat(row.path("index").asInt()).isEqualTo(nextIndex.merge(source, 1, Integer::sum) - 1);
            assertThat(start).isGreaterThanOrEqualTo(lastEnd.getOrDefault(source, 0));
            lastEnd.put(source, end);
            assertThat(TokenLimitServer.tokens(text))
                    .as("fits the model: %s", text)
                    .isLessThanOrEqualTo(SERVER_MAX);
        }
        // pieces under the headings they lie under in the file, not those of the chunk they were cut from
        List<JsonNode> longSection = rows.stream()
                .filter(row -> row.path("text").asText().contains("of the long section"))
                .toList();
        assertThat(longSection).hasSizeGreaterThan(2);
        for (JsonNode row : longSection) {
            boolean spansBoth = row.path("text").asText().contains("Short section");
            assertThat(row.path("headings").toString())
                    .as(row.path("text").asText())
                    .isEqualTo(spansBoth ? "[\"Guide\"]" : "[\"Guide\",\"Long section\"]");
        }
        assertThat(server.embeddedTexts()).isEqualTo(report.chunks());
        assertThat(infos).anyMatch(line -> line.contains("embedded as smaller pieces"));
    }

    @Test
    void theNextBuildFindsThePiecesInTheCacheWithoutARequestAndWritesTheSameBytes() throws Exception {
        EmbedReport first = run();
        Map<String, byte[]> before = outputs();
        int requests = server.embeddingRequests();

        EmbedReport upToDate = run();
        assertThat(upToDate.upToDate()).isTrue();

        deleteRecursively(project.resolve("target")); // mvn clean; the cache lives outside target/
        EmbedReport afterClean = run();

        assertThat(server.embeddingRequests()).isEqualTo(requests);
        assertThat(afterClean.requests()).isZero();
        assertThat(afterClean.chunks()).isEqualTo(first.chunks());
        assertThat(afterClean.cacheHits()).isEqualTo(first.chunks());
        Map<String, byte[]> after = outputs();
        assertThat(after).containsOnlyKeys(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
