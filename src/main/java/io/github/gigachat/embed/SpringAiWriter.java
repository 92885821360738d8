package io.github.gigachat.embed;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One file that Spring AI's {@code SimpleVectorStore.load(File)} and {@code load(Resource)} read: a JSON object from
 * document id to {@code SimpleVectorStoreContent}, as {@code SimpleVectorStore.save(File)} writes it (tested with Spring
 * AI 1.1.4; 1.0.3 and 2.0.1 declare the same properties, {@code text} also read as {@code content}):
 *
 * <pre>{@code
 * {
 * "<id>":{"id":"<id>","text":"...","metadata":{"source":"docs/a.md","index":0,"start":0,"end":42,
 *          "sha256":"...","headings":["Title","Section"]},"embedding":[0.1,...]},
 * ...
 * }
 * }</pre>
 *
 * The id is a name-based UUID of {@code source#index} (see {@code chunks.jsonl}); one chunk per line.
 */
public final class SpringAiWriter implements EmbeddingWriter {
    public static final String FILE = "spring-ai-vector-store.json";

    @Override
    public String format() {
        return SPRING_AI;
    }

    @Override
    public List<String> write(Path outputRoot, OutputSpec spec, VectorSource vectors) throws IOException {
        RowChecker checker = new RowChecker(spec, SPRING_AI);
        try (StagedFile file = StagedFile.create(outputRoot.resolve(DIRECTORY).resolve(FILE))) {
            try (JsonGenerator json = EmbedJson.lines(file.stream(), 1);
                    VectorSource.Cursor cursor = vectors.open()) {
                json.writeStartObject();
                for (EmbeddedChunk next = cursor.next(); next != null; next = cursor.next()) {
                    checker.check(next);
                    Chunk chunk = next.chunk();
                    String id = EmbedJson.chunkId(chunk);
                    json.writeObjectFieldStart(id);
                    json.writeStringField("id", id);
                    json.writeStringField("text", chunk.text());
                    json.writeObjectFieldStart("metadata");
                    EmbedJson.writeIdentity(json, chunk);
                    json.writeArrayFieldStart("headings");
                    for (String heading : chunk.headings()) {
                        json.writeString(heading);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                    json.writeFieldName("embedding");
                    EmbedJson.writeVector(json, next.vector());
                    json.writeEndObject();
                }
                checker.finish();
                json.writeEndObject();
                json.writeRaw('\n');
            }
            file.commit();
        }
        return List.of(DIRECTORY + "/" + FILE);
    }
}
