package io.github.gigachat.embed;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedding pass: reads the files that hold something to embed, one at a time as the {@link Embedder} asks for
 * texts, and stores every vector in the cache as it arrives. A text the API refuses as too long for the model is split
 * again ({@link TextChunker#resplit}) to fit the limit the API gave, scaled by how far the estimate was off; the split is
 * recorded in the cache first, so that a later build finds the pieces without asking the API.
 *
 * <p>Holds the chunks of one file and the texts in flight, never more: the embedder calls {@link #next} and
 * {@link #split} one at a time, and {@link #accept} one at a time (possibly alongside).
 */
final class ChunksToEmbed implements Embedder.Inputs, Embedder.ResultSink {
    private final List<InputFile> files;
    private final EmbedPlan plan;
    private final TextChunker chunker;
    private final CachedChunks cached;
    private final KeySet sent = new KeySet();
    private final Map<Integer, CachedChunks.Leaf> inFlight = new ConcurrentHashMap<>();
    private final Deque<CachedChunks.Leaf> current = new ArrayDeque<>();
    private int nextFile;
    private int nextId;

    ChunksToEmbed(List<InputFile> files, EmbedPlan plan, TextChunker chunker, CachedChunks cached) {
        this.files = files;
        this.plan = plan;
        this.chunker = chunker;
        this.cached = cached;
        this.nextFile = plan.filesToEmbed().nextSetBit(0);
    }

    @Override
    public Embedder.Input next() throws IOException {
        while (true) {
            CachedChunks.Leaf leaf = current.poll();
            if (leaf != null) {
                if (!leaf.cached() && sent.add(leaf.key())) {
                    return send(leaf);
                }
                continue;
            }
            if (nextFile < 0) {
                return null;
            }
            for (Chunk chunk : chunker.split(files.get(nextFile).read())) {
                current.addAll(cached.leaves(chunk));
            }
            nextFile = plan.filesToEmbed().nextSetBit(nextFile + 1);
        }
    }

    @Override
    public List<Embedder.Input> split(Embedder.Input input, TokenLimitRefusal refusal) throws IOException {
        CachedChunks.Leaf leaf = inFlight.get(input.id());
        if (leaf == null) {
            return null;
        }
        int target = refusal.targetEstimate(TokenEstimator.estimate(leaf.chunk().text()));
        List<Chunk> pieces = chunker.resplit(leaf.chunk(), target);
        if (pieces.isEmpty()) {
            return null;
        }
        cached.recordSplit(leaf.chunk(), leaf.key(), pieces);
        inFlight.remove(input.id());
        List<Embedder.Input> toSend = new ArrayList<>();
        for (Chunk piece : pieces) {
            for (CachedChunks.Leaf pieceLeaf : cached.leaves(piece)) {
                if (!pieceLeaf.cached() && sent.add(pieceLeaf.key())) {
                    toSend.add(send(pieceLeaf));
                }
            }
        }
        return toSend;
    }

    @Override
    public void accept(int inputId, float[] vector, long billedTokens) throws IOException {
        CachedChunks.Leaf leaf = inFlight.remove(inputId);
        if (leaf != null) {
            cached.cache().put(leaf.key(), vector);
        }
    }

    /** Where input {@code id} comes from: the source path and the index of its chunk, for messages. */
    Chunk chunkOf(int id) {
        CachedChunks.Leaf leaf = inFlight.get(id);
        return leaf == null ? null : leaf.chunk();
    }

    private Embedder.Input send(CachedChunks.Leaf leaf) {
        int id = nextId++;
        inFlight.put(id, leaf);
        return new Embedder.Input(id, leaf.chunk().text());
    }
}
