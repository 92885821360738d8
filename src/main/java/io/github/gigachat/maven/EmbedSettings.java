package io.github.gigachat.maven;

import io.github.gigachat.client.PluginVersion;
import io.github.gigachat.embed.ChunkerSettings;
import io.github.gigachat.embed.EmbedReport;
import io.github.gigachat.embed.EmbedRun;
import io.github.gigachat.embed.EmbeddingWriter;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;

/** Checks the parameters of {@code gigachat:embed} before anything is paid for, and turns them into the run's settings. */
final class EmbedSettings {
    private EmbedSettings() {}

    static EmbedRun.Settings of(EmbedMojo mojo) throws MojoExecutionException {
        List<String> formatList = AbstractGigaChatMojo.splitList(mojo.formats);
        if (formatList.isEmpty()) {
            throw new MojoExecutionException("gigachat.embed.formats is empty: use native, spring-ai or langchain4j.");
        }
        for (String format : formatList) {
            try {
                EmbeddingWriter.forFormat(format); // before anything is paid for
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(EmbedMessages.unknownFormat(e.getMessage()));
            }
        }
        if (mojo.batchSize < 1 || (mojo.concurrency != null && mojo.concurrency < 1)) {
            throw new MojoExecutionException(
                    "gigachat.embed.batchSize and gigachat.embed.concurrency must be 1 or more.");
        }
        String chunkerProblem = EmbedMessages.chunkerProblem(mojo.maxChunkTokens, mojo.chunkOverlapTokens);
        if (chunkerProblem != null) {
            throw new MojoExecutionException(chunkerProblem);
        }
        try {
            return new EmbedRun.Settings(
                    mojo.project.getBasedir().toPath(),
                    EmbedInputs.fileSets(mojo.project, mojo.fileSets),
                    mojo.model,
                    new ChunkerSettings(mojo.maxChunkTokens, mojo.chunkOverlapTokens),
                    mojo.batchSize,
                    mojo.concurrency,
                    mojo.cacheDirectory.toPath(),
                    mojo.outputDirectory.toPath(),
                    mojo.reportDirectory.toPath().resolve(EmbedReport.STATE_FILE),
                    mojo.reportDirectory.toPath().resolve(EmbedReport.FILE),
                    formatList.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList(),
                    mojo.maxTokens,
                    mojo.dryRun,
                    mojo.pricePerMillionTokens,
                    mojo.emulator,
                    mojo.maxFileBytes,
                    PluginVersion.version());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
    }
}
