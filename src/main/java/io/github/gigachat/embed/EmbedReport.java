package io.github.gigachat.embed;

import io.github.gigachat.io.AtomicFiles;
import io.github.gigachat.report.PrettyJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a run of {@code gigachat:embed} did, for {@code target/gigachat/embed-report.json} and the log. */
public record EmbedReport(
        String model,
        List<String> formats,
        long files,
        long chunks,
        long cacheHits,
        long newChunks,
        long estimatedTokens,
        long billedTokens,
        long requests,
        long retries,
        long splitChunks,
        int dimensions,
        List<String> outputs,
        List<String> skippedFiles,
        boolean dryRun,
        boolean upToDate,
        boolean emulated,
        String failure,
        long embeddingMs,
        long durationMs) {
    /** The report's file name in the report directory. */
    public static final String FILE = "embed-report.json";

    /** The file name, in the report directory, of the record of the outputs a run wrote (the only ones it deletes). */
    public static final String STATE_FILE = "embed-state.json";

    static final int SCHEMA_VERSION = 1;

    static Builder builder(EmbedRun.Settings settings) {
        return new Builder(settings);
    }

    /** The report as JSON: fields in a fixed order, no timestamps. */
    public String toJson() {
        return PrettyJson.render(json -> {
                    json.writeStartObject();
                    json.writeNumberField("schemaVersion", SCHEMA_VERSION);
                    json.writeStringField("outcome", failure == null ? (dryRun ? "DRY_RUN" : "OK") : "FAILED");
                    if (failure != null) {
                        json.writeStringField("failure", failure);
                    }
                    json.writeStringField("model", model);
                    PrettyJson.strings(json, "formats", formats);
                    json.writeNumberField("files", files);
                    json.writeNumberField("chunks", chunks);
                    json.writeNumberField("cacheHits", cacheHits);
                    json.writeNumberField("newChunks", newChunks);
                    json.writeNumberField("estimatedTokens", estimatedTokens);
                    json.writeNumberField("tokens", billedTokens);
                    json.writeNumberField("requests", requests);
                    json.writeNumberField("retries", retries);
                    json.writeNumberField("splitChunks", splitChunks);
                    json.writeNumberField("dimensions", dimensions);
                    PrettyJson.strings(json, "outputs", outputs);
                    PrettyJson.strings(json, "skippedFiles", skippedFiles);
                    json.writeBooleanField("dryRun", dryRun);
                    json.writeBooleanField("upToDate", upToDate);
                    json.writeBooleanField("emulated", emulated);
                    json.writeNumberField("embeddingMs", embeddingMs);
                    json.writeNumberField("durationMs", durationMs);
                    json.writeEndObject();
                })
                + "\n";
    }

    void write(Path file) throws IOException {
        if (file != null) {
            AtomicFiles.write(file, toJson());
        }
    }

    /** Collects the figures as the run goes. */
    static final class Builder {
        private final EmbedRun.Settings settings;
        private long files;
        private long chunks;
        private long cacheHits;
        private long newChunks;
        private long estimatedTokens;
        private long billedTokens;
        private long requests;
        private long retries;
        private long splitChunks;
        private int dimensions;
        private List<String> outputs = List.of();
        private final List<String> skippedFiles = new ArrayList<>();
        private boolean dryRun;
        private boolean upToDate;
        private String failure;
        private Duration duration = Duration.ZERO;
        private Duration embedding = Duration.ZERO;

        private Builder(EmbedRun.Settings settings) {
            this.settings = settings;
        }

        Builder files(long value) {
            files = value;
            return this;
        }

        Builder chunks(long value) {
            chunks = value;
            return this;
        }

        Builder cacheHits(long value) {
            cacheHits = value;
            return this;
        }

        Builder newChunks(long value) {
            newChunks = value;
            return this;
        }

        Builder estimatedTokens(long value) {
            estimatedTokens = value;
            return this;
        }

        Builder billedTokens(long value) {
            billedTokens = value;
            return this;
        }

        Builder requests(long value) {
            requests = value;
            return this;
        }

        Builder retries(long value) {
            retries = value;
            return this;
        }

        Builder splitChunks(long value) {
            splitChunks = value;
            return this;
        }

        Builder dimensions(int value) {
            dimensions = value;
            return this;
        }

        Builder outputs(List<String> value) {
            outputs = List.copyOf(value);
            return this;
        }

        synchronized Builder skippedFile(String warning) {
            skippedFiles.add(warning);
            return this;
        }

        Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        Builder upToDate(boolean value) {
            upToDate = value;
            return this;
        }

        Builder failure(String value) {
            failure = value;
            return this;
        }

        Builder embedding(Duration value) {
            embedding = value;
            return this;
        }

        Builder duration(Duration value) {
            duration = value;
            return this;
        }

        synchronized EmbedReport build() {
            return new EmbedReport(
                    settings.model(),
                    settings.formats(),
                    files,
                    chunks,
                    cacheHits,
                    newChunks,
                    estimatedTokens,
                    billedTokens,
                    requests,
                    retries,
                    splitChunks,
                    dimensions,
                    outputs,
                    List.copyOf(skippedFiles),
                    dryRun,
                    upToDate,
                    settings.emulated(),
                    failure,
                    embedding.toMillis(),
                    duration.toMillis());
        }
    }
}
