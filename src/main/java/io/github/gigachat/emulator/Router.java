package io.github.gigachat.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.UUID;

/** The single HTTP handler: reads the request, counts it, applies faults, dispatches, and writes the answer. */
final class Router implements HttpHandler {
    private final EmulatorState state;
    private final OAuthHandler oauth;
    private final ApiHandler api;

    Router(EmulatorState state) {
        this.state = state;
        this.oauth = new OAuthHandler(state);
        this.api = new ApiHandler(state);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            Response response = respond(exchange);
            if (!response.isDrop()) {
                send(exchange, response);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away; nothing to answer
        } catch (RuntimeException e) {
            trySend(exchange, Response.apiError(500, "Internal Server Error"));
        } finally {
            exchange.close();
        }
    }

    private Response respond(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Route route = Route.resolve(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath());
        state.stats().countRequest(route.endpoint());
        Response response = answer(exchange, route, body);
        return route.apiPath() && !response.isDrop() ? withTraceHeaders(response) : response;
    }

    private Response answer(HttpExchange exchange, Route route, byte[] body) throws InterruptedException {
        Fault fault = state.faults().poll(route.endpoint());
        Duration extraDelay = Duration.ZERO;
        if (fault != null && fault.kind() == Fault.Kind.DELAY) {
            extraDelay = fault.delayDuration();
        } else if (fault != null) {
            state.pause(Duration.ZERO);
            return FaultResponses.of(fault);
        }
        return switch (route.kind()) {
            case OAUTH -> oauth.handle(exchange.getRequestHeaders(), body, extraDelay);
            case API -> api.handle(route, exchange.getRequestHeaders(), body, extraDelay);
            case NOT_FOUND, METHOD_NOT_ALLOWED -> {
                state.pause(extraDelay);
                yield route.refusal();
            }
        };
    }

    private static Response withTraceHeaders(Response response) {
        return response.withHeader("X-Request-Id", UUID.randomUUID().toString())
                .withHeaderIfAbsent("X-Session-Id", UUID.randomUUID().toString());
    }

    /** Writes status, headers and body; always with a Content-Length (0 for an empty body). */
    private static void send(HttpExchange exchange, Response response) throws IOException {
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] body = "HEAD".equalsIgnoreCase(exchange.getRequestMethod()) ? new byte[0] : response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void trySend(HttpExchange exchange, Response response) {
        try {
            send(exchange, response);
        } catch (IOException | RuntimeException e) {
            // headers were already sent or the client is gone: closing the exchange is all that is left
        }
    }
}
