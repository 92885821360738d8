package io.github.gigachat.embed;

import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One run of {@code gigachat:embed}: find the text files, split them, embed what the cache does not hold yet, and
 * write the requested formats. Nothing here knows Maven; the mojo translates its parameters into {@link Settings}, and
 * the typed exceptions back into messages that name them.
 *
 * <p>Memory is bounded by the largest file, not by the corpus: the scan keeps each file's path, size and hash, not its
 * text, and the run reads every file again in each pass, failing if it changed meanwhile. The plan splits every file
 * once and looks every chunk up in the cache, keeping counts and the keys to embed ({@link EmbedPlan}); the embedding
 * pass reads only the files with something to embed, as the API takes texts ({@link ChunksToEmbed}); the writing pass
 * reads each vector once from the cache and hands it to every format at once ({@link OutputPass}).
 *
 * <p>A chunk the API refuses as longer than the model takes is split again to fit the limit the API names, and its
 * pieces replace it in the outputs: several rows, each with its own offsets in the file and the chunk's headings,
 * numbered in sequence with the file's other rows. The cache records the split, so that the next build finds the
 * pieces' vectors without a request and writes the same bytes.
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

    private final Settings settings;
    private final Log log;
    private final Clock clock;
    private final UnaryOperator<String> redact;
    private BiFunction<GigaChatSession, Integer, Semaphore> streams = (session, permits) -> null;
    private PaceClock paceClock = PaceClock.SYSTEM;

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

    /** Paces requests by this clock instead of the system's (tests). */
    EmbedRun pacedBy(PaceClock clock) {
        this.paceClock = clock;
        return this;
    }

    /**
     * Runs. {@code sessions} is asked for an API session only when something must be embedded.
     *
     * @throws EmbeddingException when embedding fails (402 included); what was embedded stays in the cache
     * @throws OutputConflictException when the output directory overlaps the project, the cache or an input
     * @throws InputChangedException when an input file changed during the run
     */
    public EmbedReport run(Supplier<GigaChatSession> sessions) throws IOException, EmbeddingException {
        Instant start = clock.instant();
        EmbedReport.Builder report = EmbedReport.builder(settings);
        try {
            EmbedReport result = execute(sessions, report, start);
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

    private EmbedReport execute(Supplier<GigaChatSession> sessions, EmbedReport.Builder report, Instant start)
            throws IOException, EmbeddingException {
        OutputFiles outputs = new OutputFiles(settings.outputRoot());
        outputs.checkLayout(settings.projectBase(), settings.cacheDirectory());
        EmbedState state = EmbedState.load(settings.stateFile());
        List<InputFile> files = scan(outputs, state.ours(outputs).keySet(), report);
        List<String> planned = OutputFiles.of(settings.formats());
        outputs.checkInputs(files, planned);
        report.files(files.size());
        String inputs = EmbedState.digest(settings, files);
        if (!settings.dryRun() && state.upToDate(inputs, outputs)) {
            log.info("Embeddings are up to date (" + files.size() + " files unchanged): nothing to do.");
            return report.upToDate(true)
                    .chunks(state.chunks())
                    .cacheHits(state.chunks())
                    .dimensions(state.dimensions())
                    .outputs(planned)
                    .duration(Duration.between(start, clock.instant()))
                    .build();
        }

        TextChunker chunker = new TextChunker(settings.chunker());
        CachedChunks cached =
                new CachedChunks(new VectorCache(settings.cacheDirectory()), settings.cacheModel(), settings.chunker());
        EmbedPlan plan = EmbedPlan.make(files, chunker, cached);
        report.chunks(plan.rows())
                .cacheHits(plan.cacheHits())
                .newChunks(plan.toEmbed())
                .estimatedTokens(plan.estimatedTokens());
        String summary = summary(files.size(), plan);
        if (settings.dryRun()) {
            log.info("Dry run: " + summary + ". Nothing was sent.");
            for (InputFile file : files) {
                log.info("  " + file.relativePath());
            }
            return report.dryRun(true)
                    .duration(Duration.between(start, clock.instant()))
                    .build();
        }
        log.info("Embedding plan: " + summary + ".");
        if (settings.maxTokens() != null && plan.estimatedTokens() > settings.maxTokens()) {
            throw new BudgetExceededException(plan.estimatedTokens(), settings.maxTokens(), plan.toEmbed());
        }
        long rows = plan.rows();
        if (plan.toEmbed() > 0) {
            Instant embedding = clock.instant();
            Embedder.Stats stats = embed(sessions.get(), new ChunksToEmbed(files, plan, chunker, cached), plan, report);
            report.embedding(Duration.between(embedding, clock.instant()));
            // a split, this run's or one that another module recorded in a shared cache since the plan, changes the
            // rows: count them again (a pass of chunking, cheap next to the requests just made)
            rows = EmbedPlan.countRows(files, chunker, cached);
            report.chunks(rows);
        }
        Map<String, String> foreign =
                foreignOutputs(outputs, planned, state.ours(outputs).keySet());
        OutputPass.Written written = OutputPass.write(settings, new CachedRows(files, chunker, cached), rows);
        warnIfReplaced(outputs, foreign);
        List<String> removed = outputs.removeStale(state.ours(outputs), written.files(), log::warn);
        for (String file : removed) {
            log.info("Removed " + file + ", an output of an earlier build that this one does not write.");
        }
        EmbedState.save(settings.stateFile(), outputs, inputs, rows, written.dimensions(), written.files());
        return report.dimensions(written.dimensions())
                .outputs(written.files())
                .duration(Duration.between(start, clock.instant()))
                .build();
    }

    /** The planned outputs that exist but that no earlier run recorded as written (a fresh checkout, a clean). */
    private static Map<String, String> foreignOutputs(OutputFiles outputs, List<String> planned, Set<String> ours)
            throws IOException {
        Map<String, String> foreign = new TreeMap<>();
        for (String file : planned) {
            Path path = outputs.resolve(file);
            if (!ours.contains(file) && Files.isRegularFile(path)) {
                foreign.put(file, OutputFiles.stamp(path));
            }
        }
        return foreign;
    }

    /** An unrecorded file whose content differed was replaced: say so, it may not have been ours. */
    private void warnIfReplaced(OutputFiles outputs, Map<String, String> foreign) throws IOException {
        for (Map.Entry<String, String> entry : foreign.entrySet()) {
            Path path = outputs.resolve(entry.getKey());
            if (!Files.isRegularFile(path) || !OutputFiles.stamp(path).equals(entry.getValue())) {
                log.warn("Replaced " + path + ": it existed, but no earlier build recorded writing it (a fresh"
                        + " checkout, or target/ was cleaned). If it was not an output of this plugin, restore it"
                        + " from version control and write the embeddings to another directory.");
            }
        }
    }

    /** The input files, without the plugin's own outputs (those recorded as written by it, and unchanged). */
    private List<InputFile> scan(OutputFiles outputs, Set<String> ours, EmbedReport.Builder report) throws IOException {
        Set<Path> excluded = new HashSet<>();
        for (String file : ours) {
            excluded.add(outputs.resolve(file));
            excluded.add(settings.outputRoot().toAbsolutePath().normalize().resolve(file));
        }
        return new InputScanner(settings.projectBase(), settings.maxFileBytes(), warning -> {
                    log.warn(warning);
                    report.skippedFile(warning);
                })
                .excluding(excluded)
                .scan(settings.fileSets());
    }

    private String summary(int files, EmbedPlan plan) {
        double cost = plan.estimatedTokens() * settings.pricePerMillionTokens() / 1_000_000.0;
        return String.format(
                Locale.ROOT,
                "%d files, %d chunks, %d cached, %d to embed (about %d tokens, %.2f RUB at %.2f RUB per million)",
                files,
                plan.rows(),
                plan.cacheHits(),
                plan.toEmbed(),
                plan.estimatedTokens(),
                cost,
                settings.pricePerMillionTokens());
    }

    private Embedder.Stats embed(
            GigaChatSession session, ChunksToEmbed chunks, EmbedPlan plan, EmbedReport.Builder report)
            throws EmbeddingException, InputChangedException {
        // the API's limit: individuals (PERS) get one stream, businesses ten; 4 leaves room for other clients
        int concurrency =
                settings.concurrency() != null ? settings.concurrency() : session.scope() == Scope.PERS ? 1 : 4;
        log.info("Embedding " + plan.toEmbed() + " chunks with " + settings.model() + ", batches of "
                + settings.batchSize() + ", " + concurrency + " request(s) in flight.");
        try (ProgressTicker ticker = new ProgressTicker(clock, log::info)) {
            Embedder embedder = new Embedder(
                            session,
                            settings.model(),
                            settings.batchSize(),
                            concurrency,
                            (done, total, requests, retries) -> ticker.update(done, total))
                    .pacedBy(paceClock, Pacer.RANDOM_JITTER);
            Semaphore shared = streams.apply(session, concurrency);
            if (shared != null) {
                embedder.sharing(shared);
            }
            Embedder.Stats stats;
            try {
                stats = embedder.embed(chunks, plan.toEmbed(), chunks);
            } catch (EmbeddingException e) {
                if (e.getCause() instanceof InputChangedException changed) {
                    throw changed; // what was embedded is cached; the message says to run again
                }
                if (!(e instanceof InputTooLargeException tooLarge)) {
                    throw e;
                }
                Chunk chunk = chunks.chunkOf(tooLarge.inputId());
                throw new ChunkTooLargeException(
                        chunk == null ? "?" : chunk.source(),
                        chunk == null ? -1 : chunk.index(),
                        settings.chunker().maxChunkTokens(),
                        tooLarge);
            }
            if (stats.answeredModel() != null && !stats.answeredModel().equalsIgnoreCase(settings.model())) {
                log.warn("GigaChat answered with model '" + stats.answeredModel() + "' where '" + settings.model()
                        + "' was asked for. If the alias now points at another model, vectors cached before may not"
                        + " be comparable: name the model explicitly, or clear " + settings.cacheDirectory() + ".");
            }
            if (stats.splitTexts() > 0) {
                log.info(stats.splitTexts() + " chunk(s) were longer than " + settings.model() + " takes and were"
                        + " embedded as smaller pieces; the cache remembers the pieces for the next build.");
            }
            report.requests(stats.requests())
                    .retries(stats.retries())
                    .billedTokens(stats.billedTokens())
                    .splitChunks(stats.splitTexts());
            log.info(String.format(
                    Locale.ROOT,
                    "Embedded %d chunks in %d requests (%d retries, %d tokens billed).",
                    stats.texts(),
                    stats.requests(),
                    stats.retries(),
                    stats.billedTokens()));
            return stats;
        }
    }
}
