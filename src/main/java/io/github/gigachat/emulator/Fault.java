package io.github.gigachat.emulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A misbehaviour to inject into the emulator, so that clients can be tested against broken servers and proxies.
 *
 * <p>Immutable: every method returns a changed copy. Without a kind the fault answers 500. Once queued with
 * {@link GigaChatEmulator#injectFault(Fault)} it replaces the normal answer of the next {@link #times(int)}
 * requests to its endpoint ({@link Endpoint#ANY} matches every request). Faults are applied before the bearer
 * check and the concurrency limiter, except {@link #delay(Duration)}, which then goes through both as usual.
 */
public final class Fault {
    enum Kind {
        STATUS,
        HTML,
        EMPTY_BODY,
        MALFORMED_JSON,
        UNEXPECTED_SHAPE,
        REDIRECT,
        DELAY,
        DROP_CONNECTION
    }

    private static final String DEFAULT_BODY = "{\"status\":500,\"message\":\"Internal Server Error\"}";

    private final Endpoint endpoint;
    private final int times;
    private final Kind kind;
    private final int status;
    private final String body;
    private final Map<String, String> headers;
    private final String location;
    private final Duration delay;

    private Fault(
            Endpoint endpoint,
            int times,
            Kind kind,
            int status,
            String body,
            Map<String, String> headers,
            String location,
            Duration delay) {
        this.endpoint = endpoint;
        this.times = times;
        this.kind = kind;
        this.status = status;
        this.body = body;
        this.headers = headers;
        this.location = location;
        this.delay = delay;
    }

    /** A fault for requests to {@code endpoint}; by default it answers 500 once. */
    public static Fault on(Endpoint endpoint) {
        return new Fault(
                Objects.requireNonNull(endpoint, "endpoint"), 1, Kind.STATUS, 500, DEFAULT_BODY, Map.of(), null, null);
    }

    /** Applies to the next {@code n} matching requests. */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return new Fault(endpoint, n, kind, status, body, headers, location, delay);
    }

    /** Answers {@code code} with the JSON {@code body}. */
    public Fault status(int code, String body) {
        return status(code, body, Map.of());
    }

    /** Answers {@code code} with the JSON {@code body} and extra headers, e.g. {@code Retry-After}. */
    public Fault status(int code, String body, Map<String, String> headers) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + code);
        }
        return kind(Kind.STATUS, code, body == null ? "" : body, Map.copyOf(headers), null, null);
    }

    /** Answers 200 with an HTML login page, as a captive portal or proxy would. */
    public Fault html() {
        return kind(Kind.HTML, 200, null, Map.of(), null, null);
    }

    /** Answers 200 with an empty body. */
    public Fault emptyBody() {
        return kind(Kind.EMPTY_BODY, 200, null, Map.of(), null, null);
    }

    /** Answers 200 application/json with a truncated document: <code>{"data": [</code>. */
    public Fault malformedJson() {
        return kind(Kind.MALFORMED_JSON, 200, null, Map.of(), null, null);
    }

    /** Answers 200 application/json with valid JSON of the wrong shape: {@code {"foo":1}}. */
    public Fault unexpectedShape() {
        return kind(Kind.UNEXPECTED_SHAPE, 200, null, Map.of(), null, null);
    }

    /** Answers 302 to {@code location}, as a login proxy would. */
    public Fault redirect(String location) {
        return kind(Kind.REDIRECT, 302, null, Map.of(), Objects.requireNonNull(location, "location"), null);
    }

    /** Waits {@code d}, then answers normally (for client timeouts). */
    public Fault delay(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return kind(Kind.DELAY, 0, null, Map.of(), null, d);
    }

    /** Closes the connection without any response. */
    public Fault dropConnection() {
        return kind(Kind.DROP_CONNECTION, 0, null, Map.of(), null, null);
    }

    private Fault kind(Kind k, int code, String b, Map<String, String> h, String loc, Duration d) {
        return new Fault(endpoint, times, k, code, b, h, loc, d);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public int times() {
        return times;
    }

    Kind kind() {
        return kind;
    }

    int statusCode() {
        return status;
    }

    String body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    String location() {
        return location;
    }

    Duration delayDuration() {
        return delay == null ? Duration.ZERO : delay;
    }

    boolean matches(Endpoint requested) {
        return endpoint == Endpoint.ANY || endpoint == requested;
    }

    @Override
    public String toString() {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("endpoint", endpoint);
        parts.put("times", times);
        parts.put("kind", kind);
        if (kind == Kind.STATUS) {
            parts.put("status", status);
        }
        if (delay != null) {
            parts.put("delay", delay);
        }
        return "Fault" + parts;
    }
}
