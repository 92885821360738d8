package io.github.gigachat.client;

import java.util.Optional;

/**
 * A 2xx (or 3xx) answer that is not the documented success: an HTML page, an empty body, malformed JSON, a redirect,
 * or JSON of another shape. Never treated as a success.
 */
public final class UnexpectedResponseException extends GigaChatException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String requestId;

    UnexpectedResponseException(String endpoint, int status, String problem, String requestId) {
        super(endpoint + " answered HTTP " + status + " but " + problem
                + (requestId == null ? "" : " [X-Request-Id " + requestId + "]"));
        this.status = status;
        this.requestId = requestId;
    }

    public int status() {
        return status;
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
