package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.core.io.FileSystemResource;

/** Loads the spring-ai output with the real Spring AI {@link SimpleVectorStore}. */
class SpringAiWriterTest {
    @TempDir
    Path root;

    @Test
    void simpleVectorStoreLoadsTheFileAndFindsEachChunk() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        List<String> files = new SpringAiWriter().write(root, EmbedTestData.spec(rows.size()), VectorSource.of(rows));
        assertThat(files).containsExactly("META-INF/gigachat/embeddings/spring-ai-vector-store.json");
        Path file = root.resolve(files.get(0));

        FixedEmbeddingModel model = new FixedEmbeddingModel(EmbedTestData.DIMENSIONS);
        for (int i = 0; i < rows.size(); i++) {
            model.put("query " + i, nudge(rows.get(i).vector()));
        }
        SimpleVectorStore fromFile = SimpleVectorStore.builder(model).build();
        fromFile.load(file.toFile());
        SimpleVectorStore fromResource = SimpleVectorStore.builder(model).build();
        fromResource.load(new FileSystemResource(file));

        for (SimpleVectorStore store : List.of(fromFile, fromResource)) {
            for (int i = 0; i < rows.size(); i++) {
                Chunk chunk = rows.get(i).chunk();
                List<Document> found = store.similaritySearch(
                        SearchRequest.builder().query("query " + i).topK(1).build());
                assertThat(found).hasSize(1);
                Document document = found.get(0);
                assertThat(document.getId()).isEqualTo(EmbedJson.chunkId(chunk));
                assertThat(document.getText()).isEqualTo(chunk.text());
                assertThat(document.getScore()).isGreaterThan(0.99);
                Map<String, Object> metadata = document.getMetadata();
                assertThat(metadata)
                        .containsEntry("source", chunk.source())
                        .containsEntry("index", chunk.index())
                        .containsEntry("start", chunk.start())
                        .containsEntry("end", chunk.end())
                        .containsEntry("sha256", chunk.sha256())
                        .containsEntry("headings", chunk.headings());
            }
        }
    }

    @Test
    void theFileHasTheShapeSimpleVectorStoreSaves() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        new SpringAiWriter().write(root, EmbedTestData.spec(rows.size()), VectorSource.of(rows));

        FixedEmbeddingModel model = new FixedEmbeddingModel(EmbedTestData.DIMENSIONS);
        List<Document> documents = new ArrayList<>();
        for (EmbeddedChunk row : rows) {
            Chunk chunk = row.chunk();
            model.put(chunk.text(), row.vector());
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("source", chunk.source());
            metadata.put("index", chunk.index());
            metadata.put("start", chunk.start());
            metadata.put("end", chunk.end());
            metadata.put("sha256", chunk.sha256());
            metadata.put("headings", chunk.headings());
            documents.add(Document.builder()
                    .id(EmbedJson.chunkId(chunk))
                    .text(chunk.text())
                    .metadata(metadata)
                    .build());
        }
        SimpleVectorStore store = SimpleVectorStore.builder(model).build();
        store.add(documents);
        Path saved = root.resolve("saved-by-spring-ai.json");
        store.save(saved.toFile());

        assertThat(JsonTrees.read(root.resolve("META-INF/gigachat/embeddings/spring-ai-vector-store.json")))
                .isEqualTo(JsonTrees.read(saved));
    }

    @Test
    void oneChunkPerLine() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        new SpringAiWriter().write(root, EmbedTestData.spec(rows.size()), VectorSource.of(rows));

        List<String> lines =
                Files.readAllLines(root.resolve("META-INF/gigachat/embeddings/spring-ai-vector-store.json"));
        assertThat(lines).hasSize(rows.size() + 2);
        assertThat(lines.get(0)).isEqualTo("{");
        assertThat(lines.get(1)).startsWith("\"" + EmbedJson.chunkId(rows.get(0).chunk()) + "\":{\"id\":");
        assertThat(lines.get(rows.size() + 1)).isEqualTo("}");
    }

    @Test
    void anEmptyStoreLoads() throws Exception {
        new SpringAiWriter().write(root, EmbedTestData.spec(0), VectorSource.of(List.of()));
        Path file = root.resolve("META-INF/gigachat/embeddings/spring-ai-vector-store.json");
        assertThat(file).hasContent("{}\n");

        SimpleVectorStore store = SimpleVectorStore.builder(new FixedEmbeddingModel(EmbedTestData.DIMENSIONS))
                .build();
        store.load(file.toFile());
    }

    /** The vector moved a little, so that the search finds a neighbour rather than an identical vector. */
    static float[] nudge(float[] vector) {
        float[] copy = vector.clone();
        for (int i = 0; i < copy.length; i += 3) {
            copy[i] += 0.01f;
        }
        return copy;
    }

    /** Spring AI's model interface answering fixed vectors for known texts. */
    static final class FixedEmbeddingModel implements EmbeddingModel {
        private final Map<String, float[]> vectors = new HashMap<>();
        private final int dimensions;

        FixedEmbeddingModel(int dimensions) {
            this.dimensions = dimensions;
        }

        void put(String text, float[] vector) {
            vectors.put(text, vector);
        }

        private float[] vectorOf(String text) {
            float[] vector = vectors.get(text);
            if (vector == null) {
                throw new IllegalArgumentException("no vector for " + text);
            }
            return vector;
        }

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            List<Embedding> embeddings = new ArrayList<>();
            List<String> texts = request.getInstructions();
            for (int i = 0; i < texts.size(); i++) {
                embeddings.add(new Embedding(vectorOf(texts.get(i)), i));
            }
            return new EmbeddingResponse(embeddings);
        }

        @Override
        public float[] embed(Document document) {
            return vectorOf(document.getText());
        }

        @Override
        public int dimensions() {
            return dimensions;
        }
    }
}
