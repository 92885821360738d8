package io.github.gigachat.embed;

/**
 * How files are split; part of every cache key, so that changing a setting re-embeds what it changes.
 *
 * @param maxChunkTokens largest chunk, in estimated tokens
 * @param overlapTokens estimated tokens of the previous chunk repeated at the start of the next, 0 for none
 */
public record ChunkerSettings(int maxChunkTokens, int overlapTokens) {
    /** Bumped whenever the splitting algorithm changes what it produces for the same settings. */
    public static final int ALGORITHM_VERSION = 1;

    /** The smallest {@link #maxChunkTokens()}. */
    public static final int MIN_CHUNK_TOKENS = 16;

    public ChunkerSettings {
        if (maxChunkTokens < MIN_CHUNK_TOKENS) {
            throw new IllegalArgumentException(
                    "maxChunkTokens is " + maxChunkTokens + ": use at least " + MIN_CHUNK_TOKENS + " tokens");
        }
        if (overlapTokens < 0 || overlapTokens >= maxChunkTokens) {
            throw new IllegalArgumentException("overlapTokens is " + overlapTokens
                    + ": use 0 or more, and less than maxChunkTokens (" + maxChunkTokens + ")");
        }
    }

    /** A stable text form of the settings and the algorithm version, for cache keys and the manifest. */
    public String fingerprint() {
        return "chunker-v" + ALGORITHM_VERSION + ";max=" + maxChunkTokens + ";overlap=" + overlapTokens;
    }
}
