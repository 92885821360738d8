package io.github.gigachat.embed;

import static io.github.gigachat.io.Hashes.sha256;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.gigachat.io.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The index of the last successful run, the way Spotless keeps one: a digest of everything that shapes the outputs
 * (plugin version, model, chunker settings, formats, every input file's path and content) plus the size and
 * modification time of every output file. When both still match, a build has nothing to do and touches nothing.
 */
final class EmbedState {
    private static final JsonFactory JSON = new JsonFactory();

    private final String inputs;
    private long recordedChunks;
    private int recordedDimensions;

    private EmbedState(String inputs) {
        this.inputs = inputs;
    }

    /** Chunks of the recorded run, valid after {@link #matches} returned true. */
    long recordedChunks() {
        return recordedChunks;
    }

    int recordedDimensions() {
        return recordedDimensions;
    }

    static EmbedState of(EmbedRun.Settings settings, List<TextFile> files) {
        MessageDigest digest = sha256();
        update(digest, settings.pluginVersion());
        update(digest, settings.model());
        update(digest, settings.chunker().fingerprint());
        update(digest, String.join(",", settings.formats()));
        update(digest, Boolean.toString(settings.emulated()));
        for (TextFile file : files) {
            update(digest, file.relativePath());
            update(digest, file.text());
        }
        return new EmbedState(HexFormat.of().formatHex(digest.digest()));
    }

    /** Whether the recorded run had the same inputs and its outputs are still there, untouched. */
    boolean matches(Path stateFile, Path outputRoot) throws IOException {
        if (stateFile == null || !Files.isRegularFile(stateFile)) {
            return false;
        }
        String recordedInputs = null;
        Map<String, String> recordedOutputs = new TreeMap<>();
        try (JsonParser parser = JSON.createParser(stateFile.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("inputs") && value == JsonToken.VALUE_STRING) {
                    recordedInputs = parser.getText();
                } else if (field.equals("chunks") && value == JsonToken.VALUE_NUMBER_INT) {
                    recordedChunks = parser.getLongValue();
                } else if (field.equals("dimensions") && value == JsonToken.VALUE_NUMBER_INT) {
                    recordedDimensions = parser.getIntValue();
                } else if (field.equals("outputs") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        recordedOutputs.put(name, parser.getText());
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return false; // an unreadable index only means: do the work
        }
        return inputs.equals(recordedInputs)
                && !recordedOutputs.isEmpty()
                && recordedOutputs.equals(stamps(outputRoot));
    }

    void save(Path stateFile, Path outputRoot, long chunks, int dimensions) throws IOException {
        if (stateFile == null) {
            return;
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("inputs", inputs);
            json.writeNumberField("chunks", chunks);
            json.writeNumberField("dimensions", dimensions);
            json.writeObjectFieldStart("outputs");
            for (Map.Entry<String, String> stamp : stamps(outputRoot).entrySet()) {
                json.writeStringField(stamp.getKey(), stamp.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        AtomicFiles.write(stateFile, out + "\n");
    }

    /** Size and modification time of every file under the output root, by relative path. */
    private static Map<String, String> stamps(Path outputRoot) throws IOException {
        Map<String, String> stamps = new TreeMap<>();
        if (!Files.isDirectory(outputRoot)) {
            return stamps;
        }
        try (Stream<Path> walk = Files.walk(outputRoot)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.put(
                        outputRoot.relativize(file).toString().replace('\\', '/'),
                        attributes.size() + "@" + attributes.lastModifiedTime().toMillis());
            }
        }
        return stamps;
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
