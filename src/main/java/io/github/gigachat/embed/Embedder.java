package io.github.gigachat.embed;

import io.github.gigachat.client.GigaChatSession;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;

/**
 * Embeds texts through {@code POST /embeddings} as fast as the API lets it: batches of at most {@code batchSize} texts
 * ({@link BatchQueue}), at most {@code concurrency} requests in flight, paced by AIMD on 429 ({@link Pacer}), results
 * delivered as each batch completes. This class coordinates: it starts requests while the window and the pause allow,
 * and decides what each answer means.
 *
 * <p><b>Inputs.</b> Texts are pulled from {@link Inputs} only when a request slot is free, so that no more texts are in
 * memory than are in flight. 429s reach this class directly ({@link GigaChatSession.OnThrottle#THROW}); server errors
 * and transport failures are retried by the client's own policy, and an expired token is refreshed by the session.
 *
 * <p><b>413.</b> A batch answered {@code 413 Tokens limit exceeded for index I: N (max M)} loses text {@code I}: the rest
 * is sent again, and the text is handed to {@link Inputs#split}, whose pieces are embedded in its place. Any other 413
 * splits the batch in halves, down to single texts; a single text that still gets 413, or a too-long text that cannot be
 * split, stops the run with an {@link InputTooLargeException}.
 *
 * <p><b>402 and other failures.</b> No new request starts; requests already in flight finish and their vectors still go
 * to the sink; then {@link #embed} throws {@link PaymentRequiredException} (402), {@link ThrottledException} or
 * {@link EmbeddingException}, with the embedded and remaining counts.
 *
 * <p><b>Threads.</b> Requests run on a small pool of daemon threads, one per request in flight. The {@link ResultSink}
 * and {@link ProgressListener} are called from those threads but <em>never concurrently</em> with each other; calls to
 * the {@link Inputs} are serialised among themselves too (though one may run while the sink is called). No call is made
 * after {@link #embed} returns or throws. An {@code Embedder} holds no state between calls.
 */
public final class Embedder {
    /** One text to embed and the caller's id for it, which the sink receives with its vector. */
    public record Input(int id, String text) {
        public Input {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Where the texts come from, pulled as request slots free up. */
    public interface Inputs {
        /** The next text to embed, or null when there is none left. */
        Input next() throws IOException;

        /**
         * The API refused {@code input} as longer than the model takes: the pieces to embed in its place, with ids of
         * their own; an empty list when none of them needs embedding; null when it cannot be split (the run stops).
         */
        default List<Input> split(Input input, TokenLimitRefusal refusal) throws IOException {
            return null;
        }
    }

    /** Receives each vector with the id of its input and the tokens billed for it. */
    @FunctionalInterface
    public interface ResultSink {
        void accept(int inputId, float[] vector, long billedTokens) throws IOException;
    }

    /** Told after every completed batch: texts done of the total so far, requests made and retries among them. */
    @FunctionalInterface
    public interface ProgressListener {
        ProgressListener NONE = (done, total, requests, retries) -> {};

        void progress(long done, long total, long requests, long retries);
    }

    /**
     * What one {@link #embed} call did.
     *
     * @param texts texts embedded (pieces of split texts included)
     * @param requests {@code POST /embeddings} calls this embedder made (the client's own retries of server errors and
     *     the session's token refresh are not counted)
     * @param retries among {@code requests}, those that re-sent texts: after a 429, and after a 413
     * @param billedTokens the sum of the {@code prompt_tokens} the API reported
     * @param dimensions length of every vector (0 when there were no texts)
     * @param answeredModel the model the API said it used (it may differ from the requested alias), or null
     * @param splitTexts texts the API refused as too long and that were replaced by their pieces
     */
    public record Stats(
            long texts,
            long requests,
            long retries,
            long billedTokens,
            int dimensions,
            String answeredModel,
            long splitTexts) {}

    private final GigaChatSession session;
    private final String model;
    private final int batchSize;
    private final int concurrency;
    private final ProgressListener progress;
    private PaceClock clock = PaceClock.SYSTEM;
    private LongUnaryOperator jitter = Pacer.RANDOM_JITTER;
    private Semaphore sharedStreams;

    public Embedder(GigaChatSession session, String model, int batchSize, int concurrency, ProgressListener progress) {
        this.session = Objects.requireNonNull(session, "session");
        this.model = Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("the model name is blank");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize is " + batchSize + ": use at least 1");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency is " + concurrency + ": use at least 1");
        }
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** Paces with this clock and jitter (maximum milliseconds to jitter) instead of the system's and a random one. */
    public Embedder pacedBy(PaceClock clock, LongUnaryOperator jitter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        return this;
    }

    /**
     * Shares the API's stream limit with other embedders using the same key (other modules of a {@code -T} build):
     * every request also holds one permit of {@code streams} while it is in flight.
     */
    public Embedder sharing(Semaphore streams) {
        this.sharedStreams = streams;
        return this;
    }

    /** Embeds a list of texts; each vector reaches the sink with the text's position as its id. No text is split. */
    public Stats embed(List<String> texts, ResultSink sink) throws EmbeddingException {
        List<String> all = List.copyOf(texts);
        AtomicInteger next = new AtomicInteger();
        Inputs inputs = () -> {
            int id = next.getAndIncrement();
            return id < all.size() ? new Input(id, all.get(id)) : null;
        };
        return embed(inputs, all.size(), sink);
    }

    /**
     * Embeds every text of {@code inputs} and hands every vector to {@code sink} as its batch completes. Returns when
     * all are delivered.
     *
     * @param expected how many texts the inputs will yield, for progress and the counts in messages
     * @throws PaymentRequiredException on 402, after the requests in flight have finished
     * @throws InputTooLargeException when one text alone is answered 413 and cannot be split
     * @throws ThrottledException when 429s go on and on
     * @throws EmbeddingException for anything else that stops the run: persistent server errors, transport failures,
     *     answers of the wrong shape, vectors of differing dimensions, failing inputs or sink, an interrupt
     */
    public Stats embed(Inputs inputs, long expected, ResultSink sink) throws EmbeddingException {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(sink, "sink");
        return new EmbedCoordinator(
                        session,
                        model,
                        batchSize,
                        concurrency,
                        progress,
                        clock,
                        jitter,
                        sharedStreams,
                        inputs,
                        expected,
                        sink)
                .execute();
    }
}
