package io.github.gigachat.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns HTTP answers into JSON trees or typed errors. A 2xx is a success only when its body is JSON of the expected
 * shape; anything else becomes an {@link UnexpectedResponseException}. Parser messages are never passed on: they can
 * quote the body, and an OAuth body holds a token.
 */
final class Responses {
    private static final int MAX_MESSAGE = 300;

    private Responses() {}

    /** Loads and initialises the parser classes (called in the background when a client is created). */
    static void warmUp() {
        try {
            Json.parse("{\"data\":[{\"id\":\"x\",\"value\":1.5}]}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // cannot happen for this constant; warming up is best effort anyway
        }
    }

    /** Checks that a 2xx answer has a body that is not HTML, or says what came instead. */
    static void requireJsonBody(String endpoint, HttpTransport.Response response) {
        byte[] body = response.body();
        String contentType = response.contentType();
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw unexpected(endpoint, response, "with an empty body instead of JSON");
        }
        if (contentType.contains("html") || firstNonBlank(body) == '<') {
            throw unexpected(
                    endpoint, response, "with an HTML page instead of JSON (a login page, or a proxy's error page?)");
        }
    }

    /** The JSON body of a 2xx answer, or an error that says what came instead. */
    static Json.Node successBody(String endpoint, HttpTransport.Response response) {
        requireJsonBody(endpoint, response);
        try {
            return Json.parse(response.body());
        } catch (IOException e) {
            throw malformed(endpoint, response);
        }
    }

    static UnexpectedResponseException malformed(String endpoint, HttpTransport.Response response) {
        String contentType = response.contentType();
        return unexpected(
                endpoint,
                response,
                "with malformed JSON" + (contentType.isEmpty() ? "" : " (Content-Type " + contentType + ")"));
    }

    static UnexpectedResponseException unexpected(String endpoint, HttpTransport.Response response, String what) {
        return new UnexpectedResponseException(endpoint, response.status(), what, response.requestId());
    }

    /** An error for a non-2xx answer, keeping the API's {@code code}/{@code message} when the body has them. */
    static ApiException error(String endpoint, HttpTransport.Response response, SecretMasker masker) {
        Integer code = null;
        String message = null;
        try {
            Json.Node node = Json.parse(response.body());
            if (node.get("code").isInt()) {
                code = node.get("code").number().intValue();
            }
            if (node.get("message").isText()) {
                message = sanitize(masker.mask(node.get("message").text()));
            }
        } catch (IOException e) {
            // not JSON: the status alone tells the story
        }
        boolean html = response.contentType().contains("html");
        ApiException error = new ApiException(
                endpoint, response.status(), code, message, response.requestId(), retryAfter(response), html);
        return response.status() == 400 && html && namesClientCertificate(response.body())
                ? error.markClientCertificatePage()
                : error;
    }

    /** nginx's fixed texts for its 495 and 496 answers, which it sends to the client as 400 pages. */
    private static boolean namesClientCertificate(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.contains("No required SSL certificate was sent") || text.contains("The SSL certificate error");
    }

    /** {@code Retry-After} in seconds (delta-seconds form), or null when absent or unreadable. */
    static Long retryAfter(HttpTransport.Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : seconds;
        } catch (NumberFormatException e) {
            try {
                java.time.ZonedDateTime when = java.time.ZonedDateTime.parse(
                        value.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(
                        0,
                        java.time.Duration.between(java.time.Instant.now(), when.toInstant())
                                .toSeconds());
            } catch (java.time.format.DateTimeParseException ignored) {
                return null;
            }
        }
    }

    private static String sanitize(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > MAX_MESSAGE ? clean.substring(0, MAX_MESSAGE) + "..." : clean;
    }

    private static int firstNonBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b;
            }
        }
        return -1;
    }
}
