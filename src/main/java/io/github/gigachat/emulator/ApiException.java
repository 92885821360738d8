package io.github.gigachat.emulator;

/** Ends the handling of an API request with an error answer in the API's {@code {"status","message"}} shape. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiException noSuchModel() {
        return new ApiException(404, "No such model");
    }

    static ApiException payloadTooLarge() {
        return new ApiException(413, "Payload too large");
    }

    static ApiException invalid(String message) {
        return new ApiException(422, message);
    }

    Response toResponse() {
        return Response.apiError(status, getMessage());
    }
}
