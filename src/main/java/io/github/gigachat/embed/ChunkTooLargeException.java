package io.github.gigachat.embed;

/**
 * The API refused a chunk as too large even when sent alone, and it could not be split to fit: names the chunk, and
 * the chunker's limit that produced it. What was embedded before stays in the cache.
 */
public final class ChunkTooLargeException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int chunkIndex;
    private final long tokens;
    private final long modelLimit;
    private final int maxChunkTokens;

    public ChunkTooLargeException(String source, int chunkIndex, int maxChunkTokens, InputTooLargeException cause) {
        super(
                "GigaChat refused " + source + " chunk #" + chunkIndex + " as too large, even alone (413"
                        + (cause.maxTokens() > 0
                                ? ": " + cause.tokens() + " tokens, the model takes " + cause.maxTokens()
                                : "")
                        + "); the chunks are at most " + maxChunkTokens + " estimated tokens. Everything embedded so"
                        + " far is cached.",
                cause.embedded(),
                cause.remaining(),
                cause);
        this.source = source;
        this.chunkIndex = chunkIndex;
        this.tokens = cause.tokens();
        this.modelLimit = cause.maxTokens();
        this.maxChunkTokens = maxChunkTokens;
    }

    /** The file, relative to the project. */
    public String source() {
        return source;
    }

    /** The chunk's position in its file, as the chunker numbered it. */
    public int chunkIndex() {
        return chunkIndex;
    }

    /** Tokens the API counted, or -1 when it did not say. */
    public long tokens() {
        return tokens;
    }

    /** The most the model takes for one text, or -1 when the API did not say. */
    public long modelLimit() {
        return modelLimit;
    }

    /** The chunker's limit the chunk was made with. */
    public int maxChunkTokens() {
        return maxChunkTokens;
    }
}
