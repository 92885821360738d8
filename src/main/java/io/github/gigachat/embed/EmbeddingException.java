package io.github.gigachat.embed;

/**
 * Embedding stopped before every text had its vector. Says why, and how many texts were embedded (and delivered to the
 * sink, so they are not lost) and how many remain.
 */
public class EmbeddingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long embedded;
    private final long remaining;

    public EmbeddingException(String message, long embedded, long remaining, Throwable cause) {
        super(message, cause);
        this.embedded = embedded;
        this.remaining = remaining;
    }

    /** Texts whose vectors were delivered to the sink before the run stopped. */
    public long embedded() {
        return embedded;
    }

    /** Texts that still have no vector. */
    public long remaining() {
        return remaining;
    }
}
