package io.github.gigachat.embed;

/** The API answered 413 Payload Too Large for one text sent alone: that text cannot be embedded as it is. */
public final class InputTooLargeException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    private final int inputIndex;

    public InputTooLargeException(String message, int inputIndex, long embedded, long remaining, Throwable cause) {
        super(message, embedded, remaining, cause);
        this.inputIndex = inputIndex;
    }

    /** Position of the offending text in the list given to {@link Embedder#embed}. */
    public int inputIndex() {
        return inputIndex;
    }
}
