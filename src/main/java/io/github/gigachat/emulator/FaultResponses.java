package io.github.gigachat.emulator;

import java.util.Map;

/** Turns an injected {@link Fault} into the answer it stands for. */
final class FaultResponses {
    static final String LOGIN_PAGE = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
            + "<body><form method=\"post\" action=\"/login\"><input name=\"user\"><input name=\"password\""
            + " type=\"password\"><button>Sign in</button></form></body></html>\n";

    private FaultResponses() {}

    static Response of(Fault fault) {
        return switch (fault.kind()) {
            case STATUS -> withHeaders(Response.raw(fault.statusCode(), Response.JSON, fault.body()), fault.headers());
            case HTML -> Response.raw(200, Response.HTML, LOGIN_PAGE);
            case EMPTY_BODY -> Response.raw(200, Response.JSON, "");
            case MALFORMED_JSON -> Response.raw(200, Response.JSON, "{\"data\": [");
            case UNEXPECTED_SHAPE -> Response.raw(200, Response.JSON, "{\"foo\":1}");
            case REDIRECT -> Response.raw(302, Response.HTML, LOGIN_PAGE).withHeader("Location", fault.location());
            case DROP_CONNECTION -> Response.DROP;
            case DELAY -> throw new IllegalArgumentException("a delay is not an answer of its own");
        };
    }

    private static Response withHeaders(Response response, Map<String, String> headers) {
        Response result = response;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            result = result.withHeader(header.getKey(), header.getValue());
        }
        return result;
    }
}
