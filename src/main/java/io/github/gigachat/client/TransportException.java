package io.github.gigachat.client;

/** No usable HTTP answer: connection refused or reset, DNS failure, timeout, proxy failure. */
public final class TransportException extends GigaChatException {
    private static final long serialVersionUID = 1L;

    private final boolean timeout;

    TransportException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    public boolean isTimeout() {
        return timeout;
    }
}
