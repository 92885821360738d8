package io.github.gigachat.embed;

import java.util.HashSet;
import java.util.Set;

/**
 * Checks what a writer receives against its {@link OutputSpec}: the vector count and length, finite values, and that
 * each source comes in one run with increasing chunk indexes (so that {@code source#index}, and the ids derived from
 * it, are unique). Keeps only the set of finished source paths, never vectors.
 */
final class RowChecker {
    private final OutputSpec spec;
    private final String format;
    private final Set<String> finishedSources = new HashSet<>();
    private String source;
    private int index;
    private int count;

    RowChecker(OutputSpec spec, String format) {
        this.spec = spec;
        this.format = format;
        if (spec.count() < 0 || spec.dimensions() < 0 || (spec.count() > 0 && spec.dimensions() == 0)) {
            throw new IllegalArgumentException(
                    format + " output: bad shape [" + spec.count() + ", " + spec.dimensions() + "]");
        }
    }

    /** Checks the next row; returns its 0-based row number. */
    int check(EmbeddedChunk row) {
        if (row == null || row.chunk() == null || row.vector() == null) {
            throw new IllegalArgumentException(format + " output: row " + count + " has no chunk or no vector");
        }
        Chunk chunk = row.chunk();
        if (count >= spec.count()) {
            throw new IllegalArgumentException(
                    format + " output: more vectors than the " + spec.count() + " announced (" + chunk + ")");
        }
        float[] vector = row.vector();
        if (vector.length != spec.dimensions()) {
            throw new IllegalArgumentException(format + " output: the vector of " + chunk + " has " + vector.length
                    + " dimensions, expected " + spec.dimensions());
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException(
                        format + " output: the vector of " + chunk + " has " + vector[i] + " at " + i);
            }
        }
        if (chunk.source().equals(source)) {
            if (chunk.index() <= index) {
                throw new IllegalArgumentException(format + " output: chunk " + chunk.source() + "#" + chunk.index()
                        + " comes after #" + index + " of the same file");
            }
        } else {
            if (source != null) {
                finishedSources.add(source);
            }
            if (finishedSources.contains(chunk.source())) {
                throw new IllegalArgumentException(format + " output: the chunks of " + chunk.source()
                        + " are not together (they must be ordered by source, then index)");
            }
            source = chunk.source();
        }
        index = chunk.index();
        return count++;
    }

    /** After the last row: checks that the count was reached. */
    void finish() {
        if (count != spec.count()) {
            throw new IllegalArgumentException(
                    format + " output: " + count + " vectors, but " + spec.count() + " were announced");
        }
    }
}
