package io.github.gigachat.client;

import java.util.Optional;

/**
 * The GigaChat service answered with an error status. Keeps the HTTP status, the API's numeric code (OAuth errors) and
 * message, and the {@code X-Request-Id} for support requests.
 */
public final class ApiException extends GigaChatException {
    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final int status;
    private final Integer code;
    private final String apiMessage;
    private final String requestId;
    private final Long retryAfterSeconds;

    private final boolean htmlPage;
    private boolean clientCertificatePage;

    ApiException(String endpoint, int status, Integer code, String apiMessage, String requestId, Long retryAfter) {
        this(endpoint, status, code, apiMessage, requestId, retryAfter, false);
    }

    ApiException(
            String endpoint,
            int status,
            Integer code,
            String apiMessage,
            String requestId,
            Long retryAfter,
            boolean htmlPage) {
        super(describe(endpoint, status, code, apiMessage, requestId));
        this.htmlPage = htmlPage;
        this.endpoint = endpoint;
        this.status = status;
        this.code = code;
        this.apiMessage = apiMessage;
        this.requestId = requestId;
        this.retryAfterSeconds = retryAfter;
    }

    private static String describe(String endpoint, int status, Integer code, String message, String requestId) {
        StringBuilder text =
                new StringBuilder(endpoint).append(" answered HTTP ").append(status);
        if (code != null) {
            text.append(" (code ").append(code).append(')');
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        if (requestId != null) {
            text.append(" [X-Request-Id ").append(requestId).append(']');
        }
        return text.toString();
    }

    /** Which call failed, e.g. {@code POST /api/v2/oauth} or {@code GET /balance}. */
    public String endpoint() {
        return endpoint;
    }

    public int status() {
        return status;
    }

    /** The {@code code} of an OAuth error body, if there was one. */
    public Optional<Integer> code() {
        return Optional.ofNullable(code);
    }

    /** The {@code message} of the error body, if there was one (trimmed, at most 300 characters). */
    public Optional<String> apiMessage() {
        return Optional.ofNullable(apiMessage);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    public Optional<Long> retryAfterSeconds() {
        return Optional.ofNullable(retryAfterSeconds);
    }

    /** The body was an HTML page (a proxy's, a portal's): the answer is not the API's own. */
    public boolean isHtmlPage() {
        return htmlPage;
    }

    /**
     * A 400 page in which a TLS-terminating proxy (nginx: "No required SSL certificate was sent", "The SSL certificate
     * error") says it refused the client certificate, or its absence: nginx answers so instead of a TLS alert.
     */
    public boolean isClientCertificatePage() {
        return clientCertificatePage;
    }

    ApiException markClientCertificatePage() {
        this.clientCertificatePage = true;
        return this;
    }

    /** Worth another attempt: throttling or a server-side failure. */
    public boolean isTransient() {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }
}
