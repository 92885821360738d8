package io.github.gigachat.embed;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * JSON output of the writers, on jackson-core's streaming API. Floats are written by Jackson's own Schubfach
 * implementation ({@link StreamWriteFeature#USE_FAST_DOUBLE_WRITER}): the shortest decimal that reads back as the same
 * float, the same on every JDK (the JDK's own {@code Float.toString} only became shortest in Java 19).
 */
final class EmbedJson {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private EmbedJson() {}

    /** A compact generator that puts a line break between the members of the containers at {@code depth} (root: 1). */
    static JsonGenerator lines(OutputStream out, int depth) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        generator.setPrettyPrinter(new LinePrinter(depth));
        return generator;
    }

    /** A generator indenting with two spaces and {@code \n} line breaks, whatever the platform. */
    static JsonGenerator pretty(OutputStream out) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        generator.setPrettyPrinter(printer);
        return generator;
    }

    /** Writes the float array as a JSON array of numbers. */
    static void writeVector(JsonGenerator generator, float[] vector) throws IOException {
        generator.writeStartArray(vector, vector.length);
        for (float value : vector) {
            generator.writeNumber(value);
        }
        generator.writeEndArray();
    }

    /**
     * The id of a chunk in the Spring AI and LangChain4j outputs (and {@code chunks.jsonl}): a name-based UUID (version
     * 3) of {@code gigachat:<source>#<index>}, stable across builds and unique within a project; a UUID, because
     * several vector stores the documents may be copied into accept nothing else as an id.
     */
    static String chunkId(Chunk chunk) {
        return UUID.nameUUIDFromBytes(
                        ("gigachat:" + chunk.source() + "#" + chunk.index()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Compact JSON with {@code ",\n"} between the members at one depth: one line per chunk, diff- and grep-friendly. */
    private static final class LinePrinter extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;
        private final int breakDepth;
        private int depth;

        LinePrinter(int breakDepth) {
            this.breakDepth = breakDepth;
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            depth++;
            g.writeRaw('{');
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            breakHere(g);
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            breakHere(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            if (entries > 0) {
                breakHere(g);
            }
            g.writeRaw('}');
            depth--;
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            depth++;
            g.writeRaw('[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            breakHere(g);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            breakHere(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            if (values > 0) {
                breakHere(g);
            }
            g.writeRaw(']');
            depth--;
        }

        private void breakHere(JsonGenerator g) throws IOException {
            if (depth == breakDepth) {
                g.writeRaw('\n');
            }
        }
    }

    /** The fields that identify a chunk in every format: source, index, character offsets, sha256 of the text. */
    static void writeIdentity(JsonGenerator json, Chunk chunk) throws IOException {
        json.writeStringField("source", chunk.source());
        json.writeNumberField("index", chunk.index());
        json.writeNumberField("start", chunk.start());
        json.writeNumberField("end", chunk.end());
        json.writeStringField("sha256", chunk.sha256());
    }
}
