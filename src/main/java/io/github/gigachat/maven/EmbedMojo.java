package io.github.gigachat.maven;

import io.github.gigachat.embed.BudgetExceededException;
import io.github.gigachat.embed.EmbedReport;
import io.github.gigachat.embed.EmbedRun;
import io.github.gigachat.embed.EmbeddingException;
import io.github.gigachat.embed.InputChangedException;
import io.github.gigachat.embed.OutputConflictException;
import io.github.gigachat.embed.PaymentRequiredException;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    String model;

    /** Inputs: directories with includes and excludes. Default: the resource directories, Markdown, text, AsciiDoc. */
    @Parameter
    List<FileSet> fileSets;

    /** Largest chunk, in estimated tokens. */
    @Parameter(property = "gigachat.embed.maxChunkTokens", defaultValue = "512")
    int maxChunkTokens;

    /** Estimated tokens repeated between neighbouring chunks. */
    @Parameter(property = "gigachat.embed.chunkOverlapTokens", defaultValue = "0")
    int chunkOverlapTokens;

    /** Texts per request. */
    @Parameter(property = "gigachat.embed.batchSize", defaultValue = "16")
    int batchSize;

    /** Requests in flight; default 1 for a GIGACHAT_API_PERS key, 4 otherwise. */
    @Parameter(property = "gigachat.embed.concurrency")
    Integer concurrency;

    /** Content-addressed vector cache; put it outside target/ to survive mvn clean, or share it between modules. */
    @Parameter(property = "gigachat.embed.cacheDirectory", defaultValue = "${project.build.directory}/gigachat/cache")
    File cacheDirectory;

    /** Root of the generated resources; registered as a resource directory of the project. */
    @Parameter(
            property = "gigachat.embed.outputDirectory",
            defaultValue = "${project.build.directory}/generated-resources/gigachat")
    File outputDirectory;

    /** Output formats, comma-separated: native, spring-ai, langchain4j. */
    @Parameter(property = "gigachat.embed.formats", defaultValue = "native")
    String formats;

    /** Budget: fail before sending anything if the new chunks would cost more tokens (estimated) than this. */
    @Parameter(property = "gigachat.embed.maxTokens")
    Long maxTokens;

    /** Embed nothing; print the files, chunks, cache hits, estimated tokens and cost. */
    @Parameter(property = "gigachat.embed.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Price for the cost estimate, in RUB per million tokens. */
    @Parameter(property = "gigachat.embed.pricePerMillionTokens", defaultValue = "40")
    double pricePerMillionTokens;

    /** Files larger than this are skipped with a warning. */
    @Parameter(property = "gigachat.embed.maxFileBytes", defaultValue = "10485760")
    long maxFileBytes;

    @Parameter(defaultValue = "${project.build.directory}/gigachat", readonly = true)
    File reportDirectory;

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
        EmbedRun.Settings settings = EmbedSettings.of(this);
        if (emulator) {
            log().warn("gigachat.emulator=true: vectors come from the built-in GigaChat EMULATOR, not a real model;"
                    + " the manifest says \"emulated\": true. Do not ship them.");
        }
        List<ApiConnection> opened = new ArrayList<>();
        try {
            EmbedReport report = new EmbedRun(settings, log(), Clock.systemUTC(), masker::mask)
                    .sharingStreams((apiSession, permits) -> sharedStreams(opened, permits))
                    .run(() -> {
                        ApiConnection connection = connect();
                        opened.add(connection);
                        return connection.session();
                    });
            EmbedMessages.summary(report).ifPresent(log()::info);
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
            throw new MojoExecutionException(masker.mask("Embedding failed: " + e), e);
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
