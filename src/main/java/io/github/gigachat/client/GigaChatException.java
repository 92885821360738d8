package io.github.gigachat.client;

/**
 * Base of every failure the client reports. Messages are written for the person reading the build log and never
 * contain a key, a secret or a token.
 */
public abstract class GigaChatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected GigaChatException(String message) {
        super(message);
    }

    protected GigaChatException(String message, Throwable cause) {
        super(message, cause);
    }
}
