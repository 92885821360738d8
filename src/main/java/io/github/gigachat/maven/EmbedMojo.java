package io.github.gigachat.maven;

import io.github.gigachat.client.PluginVersion;
import io.github.gigachat.embed.BudgetExceededException;
import io.github.gigachat.embed.ChunkerSettings;
import io.github.gigachat.embed.EmbedReport;
import io.github.gigachat.embed.EmbedRun;
import io.github.gigachat.embed.EmbeddingException;
import io.github.gigachat.embed.EmbeddingWriter;
import io.github.gigachat.embed.InputChangedException;
import io.github.gigachat.embed.OutputConflictException;
import io.github.gigachat.embed.PaymentRequiredException;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Splits the project's text resources into chunks, embeds the chunks the cache does not hold yet, and writes the
 * vectors under {@code META-INF/gigachat/embeddings/} of the generated resources, so that they are packaged.
 */
@Mojo(name = "embed", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class EmbedMojo extends AbstractGigaChatMojo {
    /** Skip this goal only ({@code gigachat.skip} skips every goal). */
    @Parameter(property = "gigachat.embed.skip", defaultValue = "false")
    private boolean embedSkip;

    /** The embedding model. */
    @Parameter(property = "gigachat.embed.model", defaultValue = "Embeddings")
    private String model;

    /** Inputs: directories with includes and excludes. Default: the resource directories, Markdown, text, AsciiDoc. */
    @Parameter
    private List<FileSet> fileSets;

    /** Largest chunk, in estimated tokens. */
    @Parameter(property = "gigachat.embed.maxChunkTokens", defaultValue = "512")
    private int maxChunkTokens;

    /** Estimated tokens repeated between neighbouring chunks. */
    @Parameter(property = "gigachat.embed.chunkOverlapTokens", defaultValue = "0")
    private int chunkOverlapTokens;

    /** Texts per request. */
    @Parameter(property = "gigachat.embed.batchSize", defaultValue = "16")
    private int batchSize;

    /** Requests in flight; default 1 for a GIGACHAT_API_PERS key, 4 otherwise. */
    @Parameter(property = "gigachat.embed.concurrency")
    private Integer concurrency;

    /** Content-addressed vector cache; put it outside target/ to survive mvn clean, or share it between modules. */
    @Parameter(property = "gigachat.embed.cacheDirectory", defaultValue = "${project.build.directory}/gigachat/cache")
    private File cacheDirectory;

    /** Root of the generated resources; registered as a resource directory of the project. */
    @Parameter(
            property = "gigachat.embed.outputDirectory",
            defaultValue = "${project.build.directory}/generated-resources/gigachat")
    private File outputDirectory;

    /** Output formats, comma-separated: native, spring-ai, langchain4j. */
    @Parameter(property = "gigachat.embed.formats", defaultValue = "native")
    private String formats;

    /** Budget: fail before sending anything if the new chunks would cost more tokens (estimated) than this. */
    @Parameter(property = "gigachat.embed.maxTokens")
    private Long maxTokens;

    /** Embed nothing; print the files, chunks, cache hits, estimated tokens and cost. */
    @Parameter(property = "gigachat.embed.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Price for the cost estimate, in RUB per million tokens. */
    @Parameter(property = "gigachat.embed.pricePerMillionTokens", defaultValue = "40")
    private double pricePerMillionTokens;

    /** Files larger than this are skipped with a warning. */
    @Parameter(property = "gigachat.embed.maxFileBytes", defaultValue = "10485760")
    private long maxFileBytes;

    @Parameter(defaultValue = "${project.build.directory}/gigachat", readonly = true)
    private File reportDirectory;

    @Inject
    public EmbedMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        EmbedInputs.registerOutputDirectory(project, outputDirectory); // first: a skipped run leaves it consistent too
        if (skip || embedSkip) {
            log().info("GigaChat embeddings: skipped (" + (skip ? "gigachat.skip" : "gigachat.embed.skip") + ").");
            return;
        }
        EmbedRun.Settings settings = settings();
        if (emulator) {
            log().warn("gigachat.emulator=true: vectors come from the built-in GigaChat EMULATOR, not a real model;"
                    + " the manifest says \"emulated\": true. Do not ship them.");
        }
        List<ApiConnection> opened = new ArrayList<>();
        EmbedRun.Log runLog = new EmbedRun.Log() {
            @Override
            public void info(String message) {
                log().info(message);
            }

            @Override
            public void warn(String message) {
                log().warn(message);
            }
        };
        try {
            EmbedReport report = new EmbedRun(settings, runLog, Clock.systemUTC(), masker::mask)
                    .sharingStreams((apiSession, permits) -> sharedStreams(opened, permits))
                    .run(() -> {
                        ApiConnection connection = connect();
                        opened.add(connection);
                        return connection.session();
                    });
            summarize(report);
        } catch (ConnectFailure e) {
            throw e.cause;
        } catch (PaymentRequiredException e) {
            throw new MojoFailureException(masker.mask(e.getMessage()));
        } catch (BudgetExceededException e) {
            throw new MojoFailureException(masker.mask(EmbedMessages.budget(e)));
        } catch (EmbeddingException e) {
            throw new MojoExecutionException(masker.mask(EmbedMessages.embeddingFailed(e)));
        } catch (OutputConflictException e) {
            throw new MojoExecutionException(masker.mask(EmbedMessages.outputConflict(e)));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(masker.mask(e.getMessage()));
        } catch (InputChangedException e) {
            throw new MojoExecutionException(masker.mask(e.getMessage()), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Embedding failed: " + e, e);
        } finally {
            opened.forEach(ApiConnection::close);
        }
    }

    /**
     * One stream limit per build, endpoint, key and scope: under {@code -T} the modules that embed with the same key
     * share the concurrency of the first one instead of each sending that many requests.
     */
    private Semaphore sharedStreams(List<ApiConnection> opened, int permits) {
        if (emulator || opened.isEmpty()) {
            return null; // every emulated run has an emulator of its own
        }
        return BuildCache.get(
                        session.getRequest(), "streams|" + opened.get(0).streamsKey(), () -> new Semaphore(permits))
                .value();
    }

    private EmbedRun.Settings settings() throws MojoExecutionException {
        List<String> formatList = splitList(formats);
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
        if (batchSize < 1 || (concurrency != null && concurrency < 1)) {
            throw new MojoExecutionException(
                    "gigachat.embed.batchSize and gigachat.embed.concurrency must be 1 or more.");
        }
        String chunkerProblem = EmbedMessages.chunkerProblem(maxChunkTokens, chunkOverlapTokens);
        if (chunkerProblem != null) {
            throw new MojoExecutionException(chunkerProblem);
        }
        try {
            return new EmbedRun.Settings(
                    project.getBasedir().toPath(),
                    EmbedInputs.fileSets(project, fileSets),
                    model,
                    new ChunkerSettings(maxChunkTokens, chunkOverlapTokens),
                    batchSize,
                    concurrency,
                    cacheDirectory.toPath(),
                    outputDirectory.toPath(),
                    reportDirectory.toPath().resolve("embed-state.json"),
                    reportDirectory.toPath().resolve("embed-report.json"),
                    formatList.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList(),
                    maxTokens,
                    dryRun,
                    pricePerMillionTokens,
                    emulator,
                    maxFileBytes,
                    PluginVersion.version());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
    }

    private ApiConnection connect() {
        try {
            if (session.isOffline() && !emulator) {
                throw new MojoExecutionException("Maven is offline (-o) and some chunks are not in the cache yet:"
                        + " build once online, or point gigachat.embed.cacheDirectory at a filled cache.");
            }
            return ApiConnection.open(this);
        } catch (MojoExecutionException e) {
            throw new ConnectFailure(e);
        }
    }

    private void summarize(EmbedReport report) {
        if (report.dryRun() || report.upToDate()) {
            return;
        }
        log().info(String.format(
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

    /** Carries a connection failure out of the session supplier. */
    private static final class ConnectFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient MojoExecutionException cause;

        ConnectFailure(MojoExecutionException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }
}
