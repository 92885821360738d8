package io.github.gigachat.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.embed.BudgetExceededException;
import io.github.gigachat.embed.ChunkTooLargeException;
import io.github.gigachat.embed.InputTooLargeException;
import io.github.gigachat.embed.OutputConflictException;
import io.github.gigachat.embed.ThrottledException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The core's typed errors, told in terms of the properties that fix them. */
class EmbedMessagesTest {
    @Test
    void everyOutputConflictNamesTheOutputDirectoryProperty() {
        Path out = Path.of("/p/out");
        for (OutputConflictException.Kind kind : OutputConflictException.Kind.values()) {
            String message = EmbedMessages.outputConflict(new OutputConflictException(kind, out, Path.of("/p/other")));
            assertThat(message).as(kind.name()).contains("gigachat.embed.outputDirectory (/p/out)");
        }
        assertThat(EmbedMessages.outputConflict(
                        new OutputConflictException(OutputConflictException.Kind.INSIDE_CACHE, out, Path.of("/p"))))
                .contains("gigachat.embed.cacheDirectory (/p)");
        assertThat(EmbedMessages.outputConflict(new OutputConflictException(
                        OutputConflictException.Kind.OVERWRITES_INPUT, out, Path.of("/p/out/x.json"))))
                .contains("/p/out/x.json")
                .contains("Exclude META-INF/gigachat/embeddings/**");
    }

    @Test
    void aChunkTooLargeNamesTheChunkTheModelsLimitAndTheChunkerSetting() {
        InputTooLargeException cause = new InputTooLargeException("refused", 3, 1250, 514, 7, 2, null);
        String message = EmbedMessages.embeddingFailed(new ChunkTooLargeException("docs/a.md", 4, 512, cause));
        assertThat(message)
                .contains("docs/a.md chunk #4")
                .contains("1250 tokens, the model takes 514")
                .contains("Lower gigachat.embed.maxChunkTokens (now 512)");
    }

    @Test
    void budgetThrottlingAndChunkerSettingsNameTheirProperties() {
        assertThat(EmbedMessages.budget(new BudgetExceededException(900, 5, 12)))
                .contains("about 900 new tokens")
                .contains("gigachat.embed.maxTokens=5")
                .contains("Nothing was sent")
                .contains("-Dgigachat.embed.dryRun=true");
        assertThat(EmbedMessages.embeddingFailed(new ThrottledException("429 again.", 10, 0, 8, null)))
                .contains("gigachat.embed.concurrency");
        assertThat(EmbedMessages.chunkerProblem(8, 0)).contains("gigachat.embed.maxChunkTokens is 8");
        assertThat(EmbedMessages.chunkerProblem(64, 64)).contains("gigachat.embed.chunkOverlapTokens is 64");
        assertThat(EmbedMessages.chunkerProblem(512, 0)).isNull();
    }
}
