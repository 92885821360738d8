package io.github.gigachat.embed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.gigachat.io.AtomicFiles;
import io.github.gigachat.io.Hashes;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The record of the last successful run, the way Spotless keeps an index: a digest of everything that shapes the
 * outputs (plugin version, model, chunker settings, formats, every input file's path and content hash), the output
 * root, and the files the run wrote there with their size and modification time. When all still match, a build has
 * nothing to do and touches nothing. The recorded files are also the only ones a later run may delete (when a format
 * is dropped), and only while unchanged: the output root may hold files that are not the plugin's.
 */
final class EmbedState {
    private static final JsonFactory JSON = new JsonFactory();

    private final String outputRoot;
    private final String inputs;
    private final long chunks;
    private final int dimensions;
    private final Map<String, String> outputs;

    private EmbedState(String outputRoot, String inputs, long chunks, int dimensions, Map<String, String> outputs) {
        this.outputRoot = outputRoot;
        this.inputs = inputs;
        this.chunks = chunks;
        this.dimensions = dimensions;
        this.outputs = outputs;
    }

    /** Chunks of the recorded run. */
    long chunks() {
        return chunks;
    }

    int dimensions() {
        return dimensions;
    }

    /** The digest of what shapes the outputs. */
    static String digest(EmbedRun.Settings settings, List<InputFile> files) {
        MessageDigest digest = Hashes.sha256();
        update(digest, settings.pluginVersion());
        update(digest, settings.model());
        update(digest, settings.chunker().fingerprint());
        update(digest, String.join(",", settings.formats()));
        update(digest, Boolean.toString(settings.emulated()));
        for (InputFile file : files) {
            update(digest, file.relativePath());
            update(digest, file.sha256());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The recorded run; an empty record when there is none or it cannot be read (that only means: do the work). */
    static EmbedState load(Path stateFile) {
        EmbedState empty = new EmbedState(null, null, 0, 0, Map.of());
        if (stateFile == null || !Files.isRegularFile(stateFile)) {
            return empty;
        }
        String root = null;
        String inputs = null;
        long chunks = 0;
        int dimensions = 0;
        Map<String, String> outputs = new TreeMap<>();
        try (JsonParser parser = JSON.createParser(stateFile.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return empty;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("outputRoot") && value == JsonToken.VALUE_STRING) {
                    root = parser.getText();
                } else if (field.equals("inputs") && value == JsonToken.VALUE_STRING) {
                    inputs = parser.getText();
                } else if (field.equals("chunks") && value == JsonToken.VALUE_NUMBER_INT) {
                    chunks = parser.getLongValue();
                } else if (field.equals("dimensions") && value == JsonToken.VALUE_NUMBER_INT) {
                    dimensions = parser.getIntValue();
                } else if (field.equals("outputs") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        if (parser.nextToken() == JsonToken.VALUE_STRING) {
                            outputs.put(name, parser.getText());
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return empty;
        }
        return new EmbedState(root, inputs, chunks, dimensions, outputs);
    }

    /**
     * The recorded outputs that are still the plugin's: written into this same output root, and unchanged since.
     *
     * @return relative path to recorded stamp
     */
    Map<String, String> ours(OutputFiles root) throws IOException {
        Map<String, String> ours = new TreeMap<>();
        if (!root.root().toString().equals(outputRoot)) {
            return ours;
        }
        for (Map.Entry<String, String> output : outputs.entrySet()) {
            if (output.getValue().equals(OutputFiles.stamp(root.resolve(output.getKey())))) {
                ours.put(output.getKey(), output.getValue());
            }
        }
        return ours;
    }

    /** Whether the recorded run had these inputs and its outputs are all still there, untouched. */
    boolean upToDate(String inputsDigest, OutputFiles root) throws IOException {
        return inputsDigest.equals(inputs) && !outputs.isEmpty() && ours(root).size() == outputs.size();
    }

    /** Records a successful run that wrote {@code written} (relative to the output root). */
    static void save(
            Path stateFile, OutputFiles root, String inputsDigest, long chunks, int dimensions, List<String> written)
            throws IOException {
        if (stateFile == null) {
            return;
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("outputRoot", root.root().toString());
            json.writeStringField("inputs", inputsDigest);
            json.writeNumberField("chunks", chunks);
            json.writeNumberField("dimensions", dimensions);
            json.writeObjectFieldStart("outputs");
            for (String file : new TreeSet<>(written)) {
                String stamp = OutputFiles.stamp(root.resolve(file));
                if (stamp != null) {
                    json.writeStringField(file, stamp);
                }
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        AtomicFiles.write(stateFile, out + "\n");
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
