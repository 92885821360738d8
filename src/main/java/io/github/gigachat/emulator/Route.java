package io.github.gigachat.emulator;

/** Maps a request's method and path to an endpoint, or to a 404 / 405 answer. */
record Route(Route.Kind kind, Endpoint endpoint, String allowedMethod, String modelId, boolean apiPath) {
    enum Kind {
        OAUTH,
        USER_TOKEN,
        API,
        NOT_FOUND,
        METHOD_NOT_ALLOWED
    }

    static final String AUTH_PATH = "/api/v2/oauth";
    static final String API_PREFIX = "/api/v1";
    private static final String MODELS_PREFIX = "/models/";

    static Route resolve(String method, String path) {
        if (AUTH_PATH.equals(path)) {
            return expect(method, "POST", Kind.OAUTH, Endpoint.OAUTH, null, false);
        }
        if (!path.startsWith(API_PREFIX + "/")) {
            return new Route(Kind.NOT_FOUND, null, null, null, false);
        }
        String rest = path.substring(API_PREFIX.length());
        switch (rest) {
            case "/token":
                return expect(method, "POST", Kind.USER_TOKEN, Endpoint.TOKEN, null, true);
            case "/models":
                return expect(method, "GET", Kind.API, Endpoint.MODELS, null, true);
            case "/balance":
                return expect(method, "GET", Kind.API, Endpoint.BALANCE, null, true);
            case "/embeddings":
                return expect(method, "POST", Kind.API, Endpoint.EMBEDDINGS, null, true);
            case "/tokens/count":
                return expect(method, "POST", Kind.API, Endpoint.TOKENS_COUNT, null, true);
            default:
                break;
        }
        if (rest.startsWith(MODELS_PREFIX)) {
            String id = rest.substring(MODELS_PREFIX.length());
            if (!id.isEmpty() && id.indexOf('/') < 0) {
                return expect(method, "GET", Kind.API, Endpoint.MODEL, id, true);
            }
        }
        return new Route(Kind.NOT_FOUND, null, null, null, true);
    }

    private static Route expect(
            String method, String allowed, Kind kind, Endpoint endpoint, String modelId, boolean apiPath) {
        Kind actual = allowed.equalsIgnoreCase(method) ? kind : Kind.METHOD_NOT_ALLOWED;
        return new Route(actual, endpoint, allowed, modelId, apiPath);
    }

    /** The answer of the routes that are not served: 404 or 405. */
    Response refusal() {
        if (kind == Kind.METHOD_NOT_ALLOWED) {
            return Response.apiError(405, "Method not allowed").withHeader("Allow", allowedMethod);
        }
        return Response.apiError(404, "Not found");
    }
}
