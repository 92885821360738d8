package io.github.gigachat.embed;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The rows of a format that is one JSON file, one row per line: the frame is the format's, the staging shared. */
abstract class JsonRows implements EmbeddingWriter.Rows {
    private final StagedFile file;
    private final JsonGenerator json;
    private final List<String> files;

    /** @param depth the nesting depth of the containers whose members go one per line (root: 1) */
    JsonRows(Path target, int depth, List<String> files) throws IOException {
        this.files = files;
        this.file = StagedFile.create(target);
        try {
            this.json = EmbedJson.lines(file.stream(), depth);
            start(json);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Opens the format's frame. */
    abstract void start(JsonGenerator json) throws IOException;

    /** Checks and writes one row. */
    abstract void row(JsonGenerator json, EmbeddedChunk next) throws IOException;

    /** Checks the count and closes the frame. */
    abstract void end(JsonGenerator json) throws IOException;

    @Override
    public final void write(EmbeddedChunk row) throws IOException {
        row(json, row);
    }

    @Override
    public final List<String> finish() throws IOException {
        end(json);
        json.writeRaw('\n');
        json.close();
        file.commit();
        return files;
    }

    @Override
    public final void close() throws IOException {
        file.close();
    }
}
