package io.github.gigachat.embed;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * What to send next: fresh batches of at most {@code batchSize} texts pulled from the inputs as they are needed (so no
 * more texts are held than are in flight), and in front of them the batches to send again: throttled ones, the halves
 * of a batch answered 413, the rest of a batch one of whose texts was too long, and that text's pieces.
 *
 * <p>Not thread-safe: the coordinator calls {@link #pull()} on its dispatching thread with the inputs to itself, and
 * every other method under its lock.
 */
final class BatchQueue {
    /** Inputs sent together; {@code resend} when they were sent before (throttled, or split from a refused batch). */
    record Batch(List<Embedder.Input> inputs, boolean resend) {
        Batch {
            inputs = List.copyOf(inputs);
        }

        int size() {
            return inputs.size();
        }

        Batch again() {
            return new Batch(inputs, true);
        }

        Batch firstHalf() {
            return new Batch(inputs.subList(0, inputs.size() / 2), true);
        }

        Batch secondHalf() {
            return new Batch(inputs.subList(inputs.size() / 2, inputs.size()), true);
        }

        /** This batch without the input at {@code position}, to send again. */
        Batch without(int position) {
            List<Embedder.Input> rest = new ArrayList<>(inputs);
            rest.remove(position);
            return new Batch(rest, true);
        }
    }

    private final int batchSize;
    private final Embedder.Inputs source;
    private final Deque<Batch> front = new ArrayDeque<>();
    private boolean exhausted;

    BatchQueue(int batchSize, Embedder.Inputs source) {
        this.batchSize = batchSize;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The next batch to send again, or null when there is none (then {@link #pull()} a fresh one). */
    Batch pollFront() {
        return front.poll();
    }

    /** Whether nothing is left: no batch to send again and no input left to pull. */
    boolean drained() {
        return front.isEmpty() && exhausted;
    }

    boolean exhausted() {
        return exhausted;
    }

    /**
     * Reads the next fresh batch from the inputs; null, and from then on {@link #exhausted()}, when they have none.
     * Called without the coordinator's lock: reading inputs may take time.
     */
    Batch pull() throws IOException {
        List<Embedder.Input> inputs = new ArrayList<>(batchSize);
        while (inputs.size() < batchSize) {
            Embedder.Input next = source.next();
            if (next == null) {
                break;
            }
            inputs.add(next);
        }
        return inputs.isEmpty() ? null : new Batch(inputs, false);
    }

    void markExhausted() {
        exhausted = true;
    }

    /** A batch pulled but not sent yet: it goes first. */
    void putBack(Batch batch) {
        front.addFirst(batch);
    }

    /** A throttled batch: sent again first. */
    void retry(Batch batch) {
        front.addFirst(batch.again());
    }

    /** A batch answered 413 as a whole: its halves are sent first. */
    void halve(Batch batch) {
        front.addFirst(batch.secondHalf());
        front.addFirst(batch.firstHalf());
    }

    /**
     * The text at {@code position} of the batch was too long and is replaced by {@code pieces}: the rest of the batch is
     * sent again first, then the pieces, in batches of at most {@code batchSize}.
     */
    void replace(Batch batch, int position, List<Embedder.Input> pieces) {
        for (int end = pieces.size(); end > 0; end -= batchSize) {
            int start = Math.max(0, end - batchSize);
            front.addFirst(new Batch(pieces.subList(start, end), false));
        }
        if (batch.size() > 1) {
            front.addFirst(batch.without(position));
        }
    }
}
