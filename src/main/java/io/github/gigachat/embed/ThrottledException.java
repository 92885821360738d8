package io.github.gigachat.embed;

/** The API kept answering 429 Too Many Requests, even with one request at a time: embedding gave up. */
public final class ThrottledException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    private final int throttledWindows;

    public ThrottledException(String message, int throttledWindows, long embedded, long remaining, Throwable cause) {
        super(message, embedded, remaining, cause);
        this.throttledWindows = throttledWindows;
    }

    /** Throttled windows in a row, with no success between them. */
    public int throttledWindows() {
        return throttledWindows;
    }
}
