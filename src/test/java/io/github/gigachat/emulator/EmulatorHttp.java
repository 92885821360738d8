package io.github.gigachat.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A tiny java.net.http client for talking to an emulator in tests. */
final class EmulatorHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private final GigaChatEmulator emulator;
    private final HttpClient client;

    EmulatorHttp(GigaChatEmulator emulator) {
        this(
                emulator,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    EmulatorHttp(GigaChatEmulator emulator, HttpClient client) {
        this.emulator = emulator;
        this.client = client;
    }

    /** A token request as the docs describe it: fresh RqUID, {@code Basic} key, form body. */
    HttpResponse<String> token(String key, String scope) {
        return oauth(Map.of("RqUID", UUID.randomUUID().toString(), "Authorization", "Basic " + key), "scope=" + scope);
    }

    HttpResponse<String> oauth(Map<String, String> headers, String formBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.authUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        headers.forEach(request::header);
        return send(request.build());
    }

    String accessToken(EmulatorAccount account) {
        HttpResponse<String> response = token(account.authorizationKey(), account.scope());
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    HttpResponse<String> get(String path, String token) {
        return send(api(path, token).GET().build());
    }

    HttpResponse<String> post(String path, String token, String jsonBody) {
        return send(api(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
                .build());
    }

    HttpRequest.Builder api(String path, String token) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient client() {
        return client;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** A JSON request body {@code {"model":..,"input":[..]}}. */
    static String inputBody(String model, String... texts) {
        try {
            return JSON.writeValueAsString(Map.of("model", model, "input", texts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
