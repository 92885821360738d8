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
    public List<String> files() {
        return List.of(DIRECTORY + "/" + FILE);
    }

    @Override
    public Rows open(Path outputRoot, OutputSpec spec) throws IOException {
        RowChecker checker = new RowChecker(spec, SPRING_AI);
        return new JsonRows(outputRoot.resolve(DIRECTORY).resolve(FILE), 1, files()) {
            @Override
            void start(JsonGenerator json) throws IOException {
                json.writeStartObject();
            }

            @Override
            void row(JsonGenerator json, EmbeddedChunk next) throws IOException {
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

            @Override
            void end(JsonGenerator json) throws IOException {
                checker.finish();
                json.writeEndObject();
            }
        };
    }
}
