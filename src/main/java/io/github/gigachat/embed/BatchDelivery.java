package io.github.gigachat.embed;

import io.github.gigachat.client.Embedding;
import io.github.gigachat.client.EmbeddingResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink side of an embedding run: checks each answered batch (one vector per text, all of one length, finite) and
 * hands its vectors to the {@link Embedder.ResultSink}, one batch at a time, counting what was delivered and billed.
 * After {@link #abandon()} nothing more reaches the sink.
 */
final class BatchDelivery {
    /** A batch whose vectors are refused (count, dimensions, non-finite values), or a sink that failed. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final String model;
    private final Embedder.ResultSink sink;
    private final Object lock = new Object();
    // guarded by lock
    private long delivered;
    private long billed;
    private int dimensions;
    private boolean abandoned;

    BatchDelivery(String model, Embedder.ResultSink sink) {
        this.model = model;
        this.sink = sink;
    }

    static List<String> texts(BatchQueue.Batch batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (Embedder.Input input : batch.inputs()) {
            texts.add(input.text());
        }
        return texts;
    }

    /**
     * Checks the batch's vectors, then hands them to the sink and tells the listener; serialised.
     *
     * @throws Failed if the answer does not fit the batch or the sink fails
     */
    void deliver(
            BatchQueue.Batch batch,
            EmbeddingResponse response,
            AtomicLong requests,
            AtomicLong retries,
            AtomicLong total,
            Embedder.ProgressListener progress) {
        List<Embedding> embeddings = response.embeddings();
        if (embeddings.size() != batch.size()) {
            throw new Failed(
                    "POST /embeddings answered " + embeddings.size() + " vectors for " + batch.size() + " texts", null);
        }
        synchronized (lock) {
            if (abandoned) {
                return;
            }
            int expected = dimensions;
            for (int i = 0; i < embeddings.size(); i++) {
                float[] vector = embeddings.get(i).vector();
                int id = batch.inputs().get(i).id();
                if (vector.length == 0) {
                    throw new Failed("POST /embeddings answered an empty vector for input #" + id, null);
                }
                if (expected == 0) {
                    expected = vector.length;
                } else if (vector.length != expected) {
                    throw new Failed(
                            "POST /embeddings answered a vector of " + vector.length + " dimensions for input #" + id
                                    + " where the others of model " + model + " have " + expected,
                            null);
                }
                for (float component : vector) {
                    if (!Float.isFinite(component)) {
                        throw new Failed(
                                "POST /embeddings answered a vector with a NaN or infinite component for input #" + id,
                                null);
                    }
                }
            }
            dimensions = expected;
            for (int i = 0; i < embeddings.size(); i++) {
                Embedding embedding = embeddings.get(i);
                int id = batch.inputs().get(i).id();
                try {
                    sink.accept(id, embedding.vector(), embedding.promptTokens());
                } catch (IOException e) {
                    throw new Failed("Could not store the vector of input #" + id + ": " + e, e);
                }
                delivered++;
                billed += embedding.promptTokens();
            }
            // read under the lock, so that every call reports counts at least those of the call before
            progress.progress(delivered, Math.max(total.get(), delivered), requests.get(), retries.get());
        }
    }

    /** Lets nothing more reach the sink; returns the texts delivered. */
    long abandon() {
        synchronized (lock) {
            abandoned = true;
            return delivered;
        }
    }

    long billed() {
        synchronized (lock) {
            return billed;
        }
    }

    int dimensions() {
        synchronized (lock) {
            return dimensions;
        }
    }
}
