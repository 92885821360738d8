package io.github.gigachat.maven;

import io.github.gigachat.embed.BudgetExceededException;
import io.github.gigachat.embed.ChunkTooLargeException;
import io.github.gigachat.embed.ChunkerSettings;
import io.github.gigachat.embed.EmbedReport;
import io.github.gigachat.embed.EmbeddingException;
import io.github.gigachat.embed.OutputConflictException;
import io.github.gigachat.embed.ThrottledException;
import java.util.Locale;
import java.util.Optional;

/**
 * The words a user reads when {@code gigachat:embed} cannot go on: the core's typed errors carry values, and this class
 * tells them in terms of the plugin's properties, with what to change.
 */
final class EmbedMessages {
    private EmbedMessages() {}

    /** What is wrong with the chunker parameters, or null if nothing is. */
    static String chunkerProblem(int maxChunkTokens, int overlapTokens) {
        if (maxChunkTokens < ChunkerSettings.MIN_CHUNK_TOKENS) {
            return "gigachat.embed.maxChunkTokens is " + maxChunkTokens + ": use at least "
                    + ChunkerSettings.MIN_CHUNK_TOKENS + " tokens.";
        }
        if (overlapTokens < 0 || overlapTokens >= maxChunkTokens) {
            return "gigachat.embed.chunkOverlapTokens is " + overlapTokens + ": use 0 or more, and less than"
                    + " gigachat.embed.maxChunkTokens (" + maxChunkTokens + ").";
        }
        return null;
    }

    static String unknownFormat(String problem) {
        return "gigachat.embed.formats: " + problem;
    }

    static String budget(BudgetExceededException e) {
        return "Embedding would send about " + e.estimatedTokens() + " new tokens, more than gigachat.embed.maxTokens="
                + e.budget() + ". Nothing was sent. Raise the budget, or reduce the inputs (<fileSets>); run with"
                + " -Dgigachat.embed.dryRun=true to see what would be embedded.";
    }

    /** A failed embedding, with the property to change where one helps. */
    static String embeddingFailed(EmbeddingException e) {
        if (e instanceof ChunkTooLargeException tooLarge) {
            String limit = tooLarge.modelLimit() > 0
                    ? ": " + tooLarge.tokens() + " tokens, the model takes " + tooLarge.modelLimit()
                    : "";
            return "GigaChat refused " + tooLarge.source() + " chunk #" + tooLarge.chunkIndex()
                    + " as too large even when sent alone (413" + limit + "). Lower gigachat.embed.maxChunkTokens (now "
                    + tooLarge.maxChunkTokens() + "). Everything embedded so far is cached.";
        }
        if (e instanceof ThrottledException) {
            return e.getMessage() + " Lower gigachat.embed.concurrency, or try again later.";
        }
        return "Embedding failed: " + e.getMessage();
    }

    static String outputConflict(OutputConflictException e) {
        String property = "gigachat.embed.outputDirectory (" + e.outputRoot() + ")";
        return switch (e.kind()) {
            case PROJECT_DIRECTORY ->
                property + " is the project's base directory or above it: the whole project would be packaged as"
                        + " resources. Point it at a directory of its own, such as"
                        + " ${project.build.directory}/generated-resources/gigachat (the default), or"
                        + " src/main/resources to commit the vectors.";
            case INSIDE_CACHE ->
                property + " is inside gigachat.embed.cacheDirectory (" + e.other()
                        + "). Point the two at separate directories.";
            case CONTAINS_CACHE ->
                "gigachat.embed.cacheDirectory (" + e.other() + ") is inside " + property
                        + ": the cache would be packaged into the jar. Point the two at separate directories.";
            case NOT_A_DIRECTORY -> property + " exists and is a file, not a directory. Point it at a directory.";
            case OVERWRITES_INPUT ->
                property + " would overwrite " + e.other() + ", which is an input of gigachat:embed and was not"
                        + " written by it. Exclude META-INF/gigachat/embeddings/** from the inputs (<fileSets>, or"
                        + " the resource's <excludes>), or point gigachat.embed.outputDirectory elsewhere.";
        };
    }

    /** The one line a finished run leaves in the log; empty for a dry run or an up-to-date build (they said so). */
    static Optional<String> summary(EmbedReport report) {
        if (report.dryRun() || report.upToDate()) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "GigaChat embeddings%s: %d chunks from %d files (%d cached, %d new; %d requests, %d retries, %d"
                        + " tokens) -> %s in %.1f s",
                report.emulated() ? " [EMULATED]" : "",
                report.chunks(),
                report.files(),
                report.cacheHits(),
                report.newChunks(),
                report.requests(),
                report.retries(),
                report.billedTokens(),
                String.join(", ", report.formats()),
                report.durationMs() / 1000.0));
    }
}
