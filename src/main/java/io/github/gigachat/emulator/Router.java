package io.github.gigachat.emulator;

import java.time.Duration;
import java.util.UUID;

/** The emulator's request handler: counts the request, applies faults, dispatches, and adds the trace headers. */
final class Router implements EmulatorServer.Handler {
    private final EmulatorState state;
    private final OAuthHandler oauth;
    private final UserTokenHandler userToken;
    private final ApiHandler api;

    Router(EmulatorState state) {
        this.state = state;
        this.oauth = new OAuthHandler(state);
        this.userToken = new UserTokenHandler(state);
        this.api = new ApiHandler(state);
    }

    @Override
    public Response handle(HttpRequest request) throws InterruptedException {
        try {
            Route route = Route.resolve(request.method(), request.path());
            state.stats().countRequest(route.endpoint());
            Response response = answer(request, route);
            return route.apiPath() && !response.isDrop() ? withTraceHeaders(response) : response;
        } catch (RuntimeException e) {
            return Response.apiError(500, "Internal Server Error");
        }
    }

    private Response answer(HttpRequest request, Route route) throws InterruptedException {
        if (route.kind() != Route.Kind.OAUTH) {
            return answer(request, route, 0);
        }
        // a token request: it counts in the rate window whatever the answer, and is in flight until it has one
        int inLastSecond = state.oauthWindow().start();
        state.stats().oauthStarted(inLastSecond);
        try {
            return answer(request, route, inLastSecond);
        } finally {
            state.stats().oauthFinished();
        }
    }

    private Response answer(HttpRequest request, Route route, int oauthInLastSecond) throws InterruptedException {
        Fault fault = state.faults().poll(route.endpoint());
        Duration extraDelay = Duration.ZERO;
        if (fault != null && fault.kind() == Fault.Kind.DELAY) {
            extraDelay = fault.delayDuration();
        } else if (fault != null) {
            state.pause(Duration.ZERO);
            return FaultResponses.of(fault);
        }
        return switch (route.kind()) {
            case OAUTH -> oauth.handle(request, extraDelay, oauthInLastSecond);
            case USER_TOKEN -> userToken.handle(request, extraDelay);
            case API -> api.handle(route, request, extraDelay);
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
}
