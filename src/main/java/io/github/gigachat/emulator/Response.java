package io.github.gigachat.emulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer computed by a handler before it is written, so that slots can be released before sending. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json";
    static final String HTML = "text/html; charset=utf-8";
    /** Fast float writing: answers of 16 x 1,024 floats would otherwise cost the emulator most of its CPU. */
    static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    /** The marker for "close the connection without answering". */
    static final Response DROP = new Response(-1, null, new byte[0], Map.of());

    /** Writes one JSON document. */
    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator json) throws IOException;
    }

    static Response json(int status, JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON answer into memory", e);
        }
        return new Response(status, JSON, out.toByteArray(), Map.of());
    }

    static Response raw(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The API's error shape: {@code {"status":..,"message":..}}. */
    static Response apiError(int status, String message) {
        return json(status, json -> {
            json.writeStartObject();
            json.writeNumberField("status", status);
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    /** The OAuth endpoint's error shape: {@code {"code":..,"message":..}}. */
    static Response oauthError(int status, int code, String message) {
        return json(status, json -> {
            json.writeStartObject();
            json.writeNumberField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    boolean isDrop() {
        return status < 0;
    }

    Response withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, contentType, body, copy);
    }

    Response withHeaderIfAbsent(String name, String value) {
        return headers.containsKey(name) ? this : withHeader(name, value);
    }
}
