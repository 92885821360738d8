package io.github.gigachat.embed;

import static io.github.gigachat.io.Hashes.sha256Hex;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A chunk as the cache knows it. Usually a chunk is written as one row with its own vector; but a chunk the API refused
 * as too long was split into pieces, and the cache records how ({@link VectorCache#putSplit}): then its pieces are the
 * rows, each with its own vector, possibly split again. The recorded offsets make this deterministic: the next build
 * finds the same pieces, and their vectors, without asking the API.
 */
final class CachedChunks {
    /**
     * What becomes one row: a chunk or a piece of one, its cache key, and whether the cache holds its vector.
     *
     * @param chunk its index is that of the chunk it belongs to; rows are numbered when written
     */
    record Leaf(Chunk chunk, String key, boolean cached) {}

    private final VectorCache cache;
    private final String model;
    private final ChunkerSettings settings;

    /** @param model the model as the cache knows it ({@link EmbedRun.Settings#cacheModel()}) */
    CachedChunks(VectorCache cache, String model, ChunkerSettings settings) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    VectorCache cache() {
        return cache;
    }

    String key(String text) {
        return VectorCache.key(model, settings, text);
    }

    /**
     * The rows of {@code chunk}, in order: itself, or the rows of the pieces it was split into (under the chunk's
     * headings: for counting and embedding, where they do not matter).
     */
    List<Leaf> leaves(Chunk chunk) throws IOException {
        return leaves(chunk, null);
    }

    /**
     * As {@link #leaves(Chunk)}, with each piece under the headings it lies under in its file.
     *
     * @param headings the headings of the chunk's file, asked for only when the chunk was split; null to keep the
     *     chunk's headings
     */
    List<Leaf> leaves(Chunk chunk, Supplier<HeadingIndex> headings) throws IOException {
        List<Leaf> leaves = new ArrayList<>(1);
        collect(chunk, headings, leaves);
        return leaves;
    }

    private void collect(Chunk chunk, Supplier<HeadingIndex> headings, List<Leaf> leaves) throws IOException {
        String key = key(chunk.text());
        if (cache.contains(key)) {
            leaves.add(new Leaf(chunk, key, true));
            return;
        }
        int[] bounds = cache.getSplit(key, chunk.text().length());
        if (bounds == null) {
            leaves.add(new Leaf(chunk, key, false));
            return;
        }
        for (Chunk piece : pieces(chunk, bounds, headings == null ? null : headings.get())) {
            collect(piece, headings, leaves); // every piece is shorter than the chunk: this ends
        }
    }

    /** Records that {@code chunk} is embedded as {@code pieces} (which lie inside it, in order). */
    void recordSplit(Chunk chunk, String key, List<Chunk> pieces) throws IOException {
        int[] bounds = new int[2 * pieces.size()];
        for (int i = 0; i < pieces.size(); i++) {
            bounds[2 * i] = pieces.get(i).start() - chunk.start();
            bounds[2 * i + 1] = pieces.get(i).end() - chunk.start();
        }
        cache.putSplit(key, bounds);
    }

    /** The pieces at {@code bounds} (offsets in the chunk's text), under their headings (or the chunk's, for null). */
    static List<Chunk> pieces(Chunk chunk, int[] bounds, HeadingIndex headings) {
        List<Chunk> pieces = new ArrayList<>(bounds.length / 2);
        for (int i = 0; i < bounds.length; i += 2) {
            String text = chunk.text().substring(bounds[i], bounds[i + 1]);
            pieces.add(new Chunk(
                    chunk.source(),
                    chunk.index(),
                    chunk.start() + bounds[i],
                    chunk.start() + bounds[i + 1],
                    sha256Hex(text),
                    text,
                    headings == null
                            ? chunk.headings()
                            : headings.at(chunk.start() + bounds[i], chunk.start() + bounds[i + 1])));
        }
        return pieces;
    }
}
