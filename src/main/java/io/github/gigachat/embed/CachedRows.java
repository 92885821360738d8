package io.github.gigachat.embed;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The writing pass: every row of the outputs in order (by source path, then position in the file), with its vector read
 * from the cache, once. Files are read and split again, one at a time; a chunk split into pieces yields its pieces, each
 * under the headings it lies under in the file.
 * Rows are numbered from 0 in each file, pieces included, so that {@code source#index} stays unique and increasing.
 */
final class CachedRows implements VectorSource.Cursor {
    private final List<InputFile> files;
    private final TextChunker chunker;
    private final CachedChunks cached;
    private final Deque<CachedChunks.Leaf> current = new ArrayDeque<>();
    private int nextFile;
    private int nextIndex;

    CachedRows(List<InputFile> files, TextChunker chunker, CachedChunks cached) {
        this.files = files;
        this.chunker = chunker;
        this.cached = cached;
    }

    @Override
    public EmbeddedChunk next() throws IOException {
        while (current.isEmpty()) {
            if (nextFile == files.size()) {
                return null;
            }
            TextFile file = files.get(nextFile++).read();
            HeadingIndex[] headings = new HeadingIndex[1]; // built only for a file with a split chunk
            Supplier<HeadingIndex> index =
                    () -> headings[0] != null ? headings[0] : (headings[0] = HeadingIndex.of(file));
            for (Chunk chunk : chunker.split(file)) {
                current.addAll(cached.leaves(chunk, index));
            }
            nextIndex = 0;
        }
        CachedChunks.Leaf leaf = current.poll();
        Chunk chunk = leaf.chunk();
        float[] vector = cached.cache().get(leaf.key());
        if (vector == null) {
            throw new IOException("The cache lost the vector of " + chunk + " while the outputs were written (was "
                    + cached.cache() + " cleaned meanwhile?); run the build again");
        }
        Chunk row = new Chunk(
                chunk.source(),
                nextIndex++,
                chunk.start(),
                chunk.end(),
                chunk.sha256(),
                chunk.text(),
                chunk.headings());
        return new EmbeddedChunk(row, vector);
    }
}
