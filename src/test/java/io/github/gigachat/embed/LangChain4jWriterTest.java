package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the langchain4j output with the real LangChain4j {@link InMemoryEmbeddingStore}. */
class LangChain4jWriterTest {
    @TempDir
    Path root;

    @Test
    void inMemoryEmbeddingStoreLoadsTheFileAndFindsEachChunk() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        List<String> files =
                new LangChain4jWriter().write(root, EmbedTestData.spec(rows.size()), VectorSource.of(rows));
        assertThat(files).containsExactly("META-INF/gigachat/embeddings/langchain4j-embedding-store.json");

        InMemoryEmbeddingStore<TextSegment> store = InMemoryEmbeddingStore.fromFile(root.resolve(files.get(0)));

        for (int i = 0; i < rows.size(); i++) {
            Chunk chunk = rows.get(i).chunk();
            List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                            .queryEmbedding(Embedding.from(
                                    SpringAiWriterTest.nudge(rows.get(i).vector())))
                            .maxResults(1)
                            .build())
                    .matches();
            assertThat(matches).hasSize(1);
            EmbeddingMatch<TextSegment> match = matches.get(0);
            assertThat(match.embeddingId()).isEqualTo(EmbedJson.chunkId(chunk));
            assertThat(match.embedding().vector()).containsExactly(rows.get(i).vector());
            assertThat(match.score()).isGreaterThan(0.99);
            TextSegment segment = match.embedded();
            assertThat(segment.text()).isEqualTo(chunk.text());
            Metadata metadata = segment.metadata();
            assertThat(metadata.getString("source")).isEqualTo(chunk.source());
            assertThat(metadata.getInteger("index")).isEqualTo(chunk.index());
            assertThat(metadata.getInteger("start")).isEqualTo(chunk.start());
            assertThat(metadata.getInteger("end")).isEqualTo(chunk.end());
            assertThat(metadata.getString("sha256")).isEqualTo(chunk.sha256());
            assertThat(metadata.getString("headings")).isEqualTo(String.join(" > ", chunk.headings()));
        }
        assertThat(store.search(EmbeddingSearchRequest.builder()
                                .queryEmbedding(Embedding.from(rows.get(0).vector()))
                                .maxResults(100)
                                .minScore(0.0)
                                .build())
                        .matches())
                .hasSize(rows.size());
    }

    @Test
    void theFileHasTheShapeInMemoryEmbeddingStoreSaves() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        new LangChain4jWriter().write(root, EmbedTestData.spec(rows.size()), VectorSource.of(rows));

        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        for (EmbeddedChunk row : rows) {
            Chunk chunk = row.chunk();
            Metadata metadata = new Metadata()
                    .put("source", chunk.source())
                    .put("index", chunk.index())
                    .put("start", chunk.start())
                    .put("end", chunk.end())
                    .put("sha256", chunk.sha256())
                    .put("headings", String.join(" > ", chunk.headings()));
            store.add(EmbedJson.chunkId(chunk), Embedding.from(row.vector()), TextSegment.from(chunk.text(), metadata));
        }
        Path saved = root.resolve("saved-by-langchain4j.json");
        store.serializeToFile(saved);

        assertThat(JsonTrees.read(root.resolve("META-INF/gigachat/embeddings/langchain4j-embedding-store.json")))
                .isEqualTo(JsonTrees.read(saved));
    }

    @Test
    void oneChunkPerLine() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        new LangChain4jWriter().write(root, EmbedTestData.spec(rows.size()), VectorSource.of(rows));

        List<String> lines =
                Files.readAllLines(root.resolve("META-INF/gigachat/embeddings/langchain4j-embedding-store.json"));
        assertThat(lines).hasSize(rows.size() + 2);
        assertThat(lines.get(0)).isEqualTo("{\"entries\":[");
        assertThat(lines.get(1))
                .startsWith("{\"id\":\"" + EmbedJson.chunkId(rows.get(0).chunk()) + "\",");
        assertThat(lines.get(rows.size() + 1)).isEqualTo("]}");
    }

    @Test
    void anEmptyStoreLoads() throws Exception {
        new LangChain4jWriter().write(root, EmbedTestData.spec(0), VectorSource.of(List.of()));
        Path file = root.resolve("META-INF/gigachat/embeddings/langchain4j-embedding-store.json");
        assertThat(file).hasContent("{\"entries\":[]}\n");

        assertThat(InMemoryEmbeddingStore.fromFile(file)
                        .search(EmbeddingSearchRequest.builder()
                                .queryEmbedding(Embedding.from(EmbedTestData.vector(1, EmbedTestData.DIMENSIONS)))
                                .build())
                        .matches())
                .isEmpty();
    }

    @Test
    void aBlankChunkIsRefusedBecauseTextSegmentWouldBe() {
        Chunk blank = new Chunk("docs/a.md", 0, 0, 3, EmbedTestData.sha256("  \n"), "  \n", List.of());
        List<EmbeddedChunk> rows = List.of(new EmbeddedChunk(blank, EmbedTestData.vector(0, EmbedTestData.DIMENSIONS)));

        assertThatThrownBy(() -> new LangChain4jWriter().write(root, EmbedTestData.spec(1), VectorSource.of(rows)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docs/a.md#0")
                .hasMessageContaining("blank");
        assertThat(root.resolve("META-INF/gigachat/embeddings")).isEmptyDirectory();
    }
}
