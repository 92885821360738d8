package io.github.gigachat.embed;

/**
 * The API refused one text, sent alone, as too large (413), and it could not be split further. Carries the input's id
 * and, when the API said so, the tokens it counted and the most the model takes.
 */
public final class InputTooLargeException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    private final int inputId;
    private final long tokens;
    private final long maxTokens;

    public InputTooLargeException(
            String message, int inputId, long tokens, long maxTokens, long embedded, long remaining, Throwable cause) {
        super(message, embedded, remaining, cause);
        this.inputId = inputId;
        this.tokens = tokens;
        this.maxTokens = maxTokens;
    }

    /** The id of the refused input ({@link Embedder.Input#id()}; its position for a list). */
    public int inputId() {
        return inputId;
    }

    /** The tokens the API counted for the text, or -1 when it did not say. */
    public long tokens() {
        return tokens;
    }

    /** The most the model takes for one text, or -1 when the API did not say. */
    public long maxTokens() {
        return maxTokens;
    }
}
