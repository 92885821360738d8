package io.github.gigachat.embed;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One file that LangChain4j's {@code InMemoryEmbeddingStore.fromFile(Path)} (and {@code fromJson}) read into an
 * {@code InMemoryEmbeddingStore<TextSegment>}, in the shape of its default JSON codec
 * ({@code JacksonInMemoryEmbeddingStoreJsonCodec}; tested with LangChain4j 1.11.0, the codec is unchanged in 1.19.0):
 *
 * <pre>{@code
 * {"entries":[
 * {"id":"<id>","embedding":{"vector":[0.1,...]},"embedded":{"text":"...","metadata":{"metadata":{
 *   "source":"docs/a.md","index":0,"start":0,"end":42,"sha256":"...","headings":"Title > Section"}}}},
 * ...
 * ]}
 * }</pre>
 *
 * LangChain4j metadata values are strings and numbers only, so the heading path is one string, the headings joined by
 * {@value #HEADING_SEPARATOR} (empty for none). Its {@code TextSegment} refuses blank text, so a blank chunk is an
 * error here. The id is a name-based UUID of {@code source#index} (see {@code chunks.jsonl}); one chunk per line.
 */
public final class LangChain4jWriter implements EmbeddingWriter {
    public static final String FILE = "langchain4j-embedding-store.json";

    /** Joins the heading path in the {@code headings} metadata value. */
    public static final String HEADING_SEPARATOR = " > ";

    @Override
    public String format() {
        return LANGCHAIN4J;
    }

    @Override
    public List<String> files() {
        return List.of(DIRECTORY + "/" + FILE);
    }

    @Override
    public Rows open(Path outputRoot, OutputSpec spec) throws IOException {
        RowChecker checker = new RowChecker(spec, LANGCHAIN4J);
        return new JsonRows(outputRoot.resolve(DIRECTORY).resolve(FILE), 2, files()) {
            @Override
            void start(JsonGenerator json) throws IOException {
                json.writeStartObject();
                json.writeArrayFieldStart("entries");
            }

            @Override
            void row(JsonGenerator json, EmbeddedChunk next) throws IOException {
                checker.check(next);
                Chunk chunk = next.chunk();
                if (chunk.text().isBlank()) {
                    throw new IllegalArgumentException(
                            LANGCHAIN4J + " output: " + chunk + " is blank, which LangChain4j refuses");
                }
                json.writeStartObject();
                json.writeStringField("id", EmbedJson.chunkId(chunk));
                json.writeObjectFieldStart("embedding");
                json.writeFieldName("vector");
                EmbedJson.writeVector(json, next.vector());
                json.writeEndObject();
                json.writeObjectFieldStart("embedded");
                json.writeStringField("text", chunk.text());
                json.writeObjectFieldStart("metadata");
                json.writeObjectFieldStart("metadata");
                EmbedJson.writeIdentity(json, chunk);
                json.writeStringField("headings", String.join(HEADING_SEPARATOR, chunk.headings()));
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndObject();
            }

            @Override
            void end(JsonGenerator json) throws IOException {
                checker.finish();
                json.writeEndArray();
                json.writeEndObject();
            }
        };
    }
}
