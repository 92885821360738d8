package io.github.gigachat.embed;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;

/**
 * The vectors to write, in output order: by source path, then by chunk index, for
 * {@link EmbeddingWriter#write(java.nio.file.Path, OutputSpec, VectorSource)}. Each pass may read the vectors lazily,
 * for example from the cache on disk, so that no writer ever holds all of them in memory. (A run feeds every format
 * from one pass instead: {@link OutputPass}.)
 *
 * <p>Every pass yields the same chunks in the same order; the writers check that each source appears in one run, with
 * increasing chunk indexes, so that the ids derived from {@code source#index} are unique.
 */
@FunctionalInterface
public interface VectorSource {
    /** Starts a new pass from the first vector. The caller closes it. */
    Cursor open() throws IOException;

    /** One pass over the vectors. */
    @FunctionalInterface
    interface Cursor extends Closeable {
        /** The next chunk and its vector, or {@code null} after the last one. */
        EmbeddedChunk next() throws IOException;

        @Override
        default void close() throws IOException {}
    }

    /** A source over chunks already in memory (or any re-iterable collection); each pass iterates it again. */
    static VectorSource of(Iterable<EmbeddedChunk> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        return () -> {
            Iterator<EmbeddedChunk> iterator = chunks.iterator();
            return () -> iterator.hasNext() ? iterator.next() : null;
        };
    }
}
