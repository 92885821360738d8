package io.github.gigachat.embed;

import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.Scope;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One run of {@code gigachat:embed}: find the text files, split them, embed what the cache does not hold yet, and
 * write the requested formats. Nothing here knows Maven; the mojo translates its parameters into {@link Settings}.
 *
 * <p>Memory stays bounded by the largest file: files are split twice (once to plan, once to write) instead of keeping
 * every chunk, and vectors go from the API to the cache and from the cache to the writers.
 */
public final class EmbedRun {
    /** What the run is asked to do. */
    public record Settings(
            Path projectBase,
            List<FileSetSpec> fileSets,
            String model,
            ChunkerSettings chunker,
            int batchSize,
            Integer concurrency,
            Path cacheDirectory,
            Path outputRoot,
            Path stateFile,
            Path reportFile,
            List<String> formats,
            Long maxTokens,
            boolean dryRun,
            double pricePerMillionTokens,
            boolean emulated,
            long maxFileBytes,
            String pluginVersion) {
        /**
         * The model as the cache knows it: emulated vectors are kept apart, so that a real build never packages
         * vectors the emulator made (a cache directory outlives builds and can be shared).
         */
        public String cacheModel() {
            return emulated ? "emulator:" + model : model;
        }

        public Settings {
            fileSets = List.copyOf(fileSets);
            formats = List.copyOf(formats);
            Objects.requireNonNull(model, "model");
        }
    }

    /** Where the run reports to: the build log, through the mojo. */
    public interface Log {
        void info(String message);

        void warn(String message);
    }

    /** The budget would be exceeded; nothing was sent. */
    public static final class BudgetExceededException extends EmbeddingException {
        private static final long serialVersionUID = 1L;

        BudgetExceededException(String message, long remaining) {
            super(message, 0, remaining, null);
        }
    }

    private final Settings settings;
    private final Log log;
    private final Clock clock;
    private final UnaryOperator<String> redact;
    private BiFunction<GigaChatSession, Integer, Semaphore> streams = (session, permits) -> null;

    public EmbedRun(Settings settings, Log log, Clock clock) {
        this(settings, log, clock, UnaryOperator.identity());
    }

    /** @param redact applied to every failure message before it is written to the report */
    public EmbedRun(Settings settings, Log log, Clock clock, UnaryOperator<String> redact) {
        this.settings = settings;
        this.log = log;
        this.clock = clock;
        this.redact = redact;
    }

    /**
     * Shares the stream limit with other runs of the build: {@code streams} gives, for a session and the concurrency
     * this run would use, the semaphore that all runs with the same key share (or null for none).
     */
    public EmbedRun sharingStreams(BiFunction<GigaChatSession, Integer, Semaphore> streams) {
        this.streams = streams;
        return this;
    }

    /**
     * Runs. {@code sessions} is asked for an API session only when something must be embedded.
     *
     * @throws EmbeddingException when embedding fails (402 included); what was embedded stays in the cache
     */
    public EmbedReport run(Supplier<GigaChatSession> sessions) throws IOException, EmbeddingException {
        Instant start = clock.instant();
        EmbedReport.Builder report = EmbedReport.builder(settings);
        try {
            EmbedReport result = plan(sessions, report, start);
            result.write(settings.reportFile());
            return result;
        } catch (EmbeddingException | IOException | RuntimeException e) {
            report.failure(redact.apply(String.valueOf(e.getMessage())))
                    .duration(Duration.between(start, clock.instant()))
                    .build()
                    .write(settings.reportFile());
            throw e;
        }
    }

    private EmbedReport plan(Supplier<GigaChatSession> sessions, EmbedReport.Builder report, Instant start)
            throws IOException, EmbeddingException {
        InputScanner scanner = new InputScanner(settings.projectBase(), settings.maxFileBytes(), warning -> {
            log.warn(warning);
            report.skippedFile(warning);
        });
        List<TextFile> files = scanner.scan(settings.fileSets());
        report.files(files.size());
        EmbedState state = EmbedState.of(settings, files);
        if (!settings.dryRun() && state.matches(settings.stateFile(), settings.outputRoot())) {
            log.info("Embeddings are up to date (" + files.size() + " files unchanged): nothing to do.");
            return report.upToDate(true)
                    .chunks(state.recordedChunks())
                    .cacheHits(state.recordedChunks())
                    .dimensions(state.recordedDimensions())
                    .duration(Duration.between(start, clock.instant()))
                    .build();
        }

        TextChunker chunker = new TextChunker(settings.chunker());
        VectorCache cache = new VectorCache(settings.cacheDirectory());
        Map<String, String> misses = new LinkedHashMap<>();
        Map<String, String> missSources = new LinkedHashMap<>();
        long chunks = 0;
        long hits = 0;
        long estimatedTokens = 0;
        for (TextFile file : files) {
            for (Chunk chunk : chunker.split(file)) {
                chunks++;
                String key = VectorCache.key(settings.cacheModel(), settings.chunker(), chunk.text());
                if (misses.containsKey(key) || cache.get(key) != null) {
                    hits += misses.containsKey(key) ? 0 : 1;
                    continue;
                }
                misses.put(key, chunk.text());
                missSources.put(key, chunk.source() + " chunk #" + chunk.index());
                estimatedTokens += TokenEstimator.estimate(chunk.text()) + TokenEstimator.BILLING_OVERHEAD_PER_TEXT;
            }
        }
        report.chunks(chunks).cacheHits(hits).newChunks(misses.size()).estimatedTokens(estimatedTokens);
        double cost = estimatedTokens * settings.pricePerMillionTokens() / 1_000_000.0;
        String plan = String.format(
                Locale.ROOT,
                "%d files, %d chunks, %d cached, %d to embed (about %d tokens, %.2f RUB at %.2f RUB per million)",
                files.size(),
                chunks,
                hits,
                misses.size(),
                estimatedTokens,
                cost,
                settings.pricePerMillionTokens());
        if (settings.dryRun()) {
            log.info("Dry run: " + plan + ". Nothing was sent.");
            for (TextFile file : files) {
                log.info("  " + file.relativePath());
            }
            return report.dryRun(true)
                    .duration(Duration.between(start, clock.instant()))
                    .build();
        }
        log.info("Embedding plan: " + plan + ".");
        if (settings.maxTokens() != null && estimatedTokens > settings.maxTokens()) {
            throw new BudgetExceededException(
                    "Embedding would send about " + estimatedTokens
                            + " new tokens, more than gigachat.embed.maxTokens=" + settings.maxTokens()
                            + ". Nothing was sent. Raise the budget, or reduce the inputs (<fileSets>); run with"
                            + " -Dgigachat.embed.dryRun=true to see what would be embedded.",
                    misses.size());
        }
        if (!misses.isEmpty()) {
            Instant embedding = clock.instant();
            embed(sessions.get(), cache, misses, missSources, report);
            report.embedding(Duration.between(embedding, clock.instant()));
        }
        int dimensions = write(files, chunker, cache, chunks, report);
        state.save(settings.stateFile(), settings.outputRoot(), chunks, dimensions);
        return report.duration(Duration.between(start, clock.instant())).build();
    }

    private void embed(
            GigaChatSession session,
            VectorCache cache,
            Map<String, String> misses,
            Map<String, String> missSources,
            EmbedReport.Builder report)
            throws EmbeddingException {
        List<String> keys = new ArrayList<>(misses.keySet());
        List<String> texts = new ArrayList<>(misses.values());
        AtomicLong done = new AtomicLong();
        ProgressTicker ticker = new ProgressTicker(texts.size(), done);
        // the API's limit: individuals (PERS) get one stream, businesses ten; 4 leaves room for other clients
        int concurrency =
                settings.concurrency() != null ? settings.concurrency() : session.scope() == Scope.PERS ? 1 : 4;
        log.info("Embedding " + texts.size() + " chunks with " + settings.model() + ", batches of "
                + settings.batchSize() + ", " + concurrency + " request(s) in flight.");
        Embedder embedder = new Embedder(
                session,
                settings.model(),
                settings.batchSize(),
                concurrency,
                (completed, total, requests, retries) -> done.set(completed));
        Semaphore shared = streams.apply(session, concurrency);
        if (shared != null) {
            embedder.sharing(shared);
        }
        try {
            Embedder.Stats stats;
            try {
                stats = embedder.embed(texts, (index, vector, billed) -> cache.put(keys.get(index), vector));
            } catch (InputTooLargeException e) {
                throw new EmbeddingException(
                        "GigaChat refused " + missSources.get(keys.get(e.inputId()))
                                + " as too large even alone (413). Lower gigachat.embed.maxChunkTokens (now "
                                + settings.chunker().maxChunkTokens() + "). Everything embedded so far is cached.",
                        e.embedded(),
                        e.remaining(),
                        e);
            }
            if (stats.answeredModel() != null && !stats.answeredModel().equalsIgnoreCase(settings.model())) {
                log.warn("GigaChat answered with model '" + stats.answeredModel() + "' for gigachat.embed.model="
                        + settings.model() + ". If the alias now points at another model, vectors cached before"
                        + " may not be comparable: set the model explicitly, or clear " + settings.cacheDirectory()
                        + ".");
            }
            report.requests(stats.requests()).retries(stats.retries()).billedTokens(stats.billedTokens());
            log.info(String.format(
                    Locale.ROOT,
                    "Embedded %d chunks in %d requests (%d retries, %d tokens billed).",
                    stats.texts(),
                    stats.requests(),
                    stats.retries(),
                    stats.billedTokens()));
        } finally {
            ticker.close();
        }
    }

    private int write(
            List<TextFile> files, TextChunker chunker, VectorCache cache, long chunks, EmbedReport.Builder report)
            throws IOException {
        CachedVectors vectors = new CachedVectors(files, chunker, cache, settings);
        int dimensions = vectors.firstDimensions();
        OutputSpec spec = new OutputSpec(
                settings.model(),
                dimensions,
                Math.toIntExact(chunks),
                settings.chunker(),
                settings.pluginVersion(),
                settings.emulated());
        List<String> written = new ArrayList<>();
        for (String format : settings.formats()) {
            written.addAll(EmbeddingWriter.forFormat(format).write(settings.outputRoot(), spec, vectors));
        }
        OutputDirectory.removeOthers(settings.outputRoot(), written);
        report.dimensions(dimensions).outputs(written);
        return dimensions;
    }

    /** Logs progress every 5 seconds while embedding runs. */
    private final class ProgressTicker implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gigachat-embed-progress");
            thread.setDaemon(true);
            return thread;
        });
        private final Instant started = clock.instant();

        ProgressTicker(long total, AtomicLong done) {
            timer.scheduleAtFixedRate(() -> report(total, done.get()), 5, 5, TimeUnit.SECONDS);
        }

        private void report(long total, long done) {
            double seconds =
                    Math.max(0.001, Duration.between(started, clock.instant()).toMillis() / 1000.0);
            double rate = done / seconds;
            String left = rate > 0 ? String.format(Locale.ROOT, ", about %.0f s left", (total - done) / rate) : "";
            log.info(String.format(Locale.ROOT, "Embedding: %d/%d chunks (%.1f/s%s)", done, total, rate, left));
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** The vectors of every chunk in output order, read from the cache; every pass splits the files again. */
    private static final class CachedVectors implements VectorSource {
        private final List<TextFile> files;
        private final TextChunker chunker;
        private final VectorCache cache;
        private final Settings settings;

        CachedVectors(List<TextFile> files, TextChunker chunker, VectorCache cache, Settings settings) {
            this.files = files;
            this.chunker = chunker;
            this.cache = cache;
            this.settings = settings;
        }

        /** The length of the first vector (all have the same, the writers check it); 0 without any. */
        int firstDimensions() throws IOException {
            try (Cursor cursor = open()) {
                EmbeddedChunk first = cursor.next();
                return first == null ? 0 : first.vector().length;
            }
        }

        @Override
        public Cursor open() {
            return new Cursor() {
                private int fileIndex;
                private Iterator<Chunk> chunks = List.<Chunk>of().iterator();

                @Override
                public EmbeddedChunk next() throws IOException {
                    while (!chunks.hasNext()) {
                        if (fileIndex == files.size()) {
                            return null;
                        }
                        chunks = chunker.split(files.get(fileIndex++)).iterator();
                    }
                    Chunk chunk = chunks.next();
                    float[] vector =
                            cache.get(VectorCache.key(settings.cacheModel(), settings.chunker(), chunk.text()));
                    if (vector == null) {
                        throw new IOException("the cache lost the vector of " + chunk + " while the outputs were"
                                + " written (was " + settings.cacheDirectory() + " cleaned meanwhile?); run the"
                                + " build again");
                    }
                    return new EmbeddedChunk(chunk, vector);
                }
            };
        }
    }
}
