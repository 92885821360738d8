package io.github.gigachat.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Report files as indented JSON, streamed with jackson-core: fields in the order written, nothing else added. */
public final class PrettyJson {
    private static final JsonFactory JSON = new JsonFactory();

    /** Writes one JSON document. */
    @FunctionalInterface
    public interface Document {
        void write(JsonGenerator json) throws IOException;
    }

    private PrettyJson() {}

    /** The document as indented text, without a trailing line break. */
    public static String render(Document document) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            document.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the report", e);
        }
        return out.toString();
    }

    /** Writes {@code "name": [values...]}. */
    public static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
