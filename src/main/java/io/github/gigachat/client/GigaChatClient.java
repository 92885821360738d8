package io.github.gigachat.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ContentType;

/**
 * The GigaChat HTTP API client: OAuth token exchange and the authenticated calls (through {@link GigaChatSession}),
 * with retries for throttling, server errors and transport failures. Thread-safe; one per build is enough.
 */
public final class GigaChatClient implements AutoCloseable {
    /** {@code expires_at} values below this are seconds (old docs shape), above it milliseconds. */
    private static final long SECONDS_THRESHOLD = 100_000_000_000L;

    private final ClientConfig config;
    private final HttpTransport transport;
    private final SecretMasker masker;
    private final TokenBroker broker;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    private GigaChatClient(ClientConfig config, SecretMasker masker, TokenBroker broker) {
        this.config = config;
        this.masker = masker;
        this.broker = broker;
        this.transport = new HttpTransport(config);
    }

    /** Opens a client with tokens of its own; {@code masker} learns every token this client obtains. */
    public static GigaChatClient create(ClientConfig config, SecretMasker masker) {
        return create(config, masker, new TokenBroker());
    }

    /** Opens a client that takes its tokens from {@code broker}, shared with the other clients of the build. */
    public static GigaChatClient create(ClientConfig config, SecretMasker masker, TokenBroker broker) {
        // Loading Jackson takes about 100 ms; do it while HttpClient starts and the first request is on the wire.
        CompletableFuture.runAsync(Responses::warmUp);
        return new GigaChatClient(config, masker, Objects.requireNonNull(broker, "broker"));
    }

    public ClientConfig config() {
        return config;
    }

    /**
     * Whether a server has asked this client for a certificate so far: a 401 with a certificate alone means something
     * different when no server ever looked at the certificate.
     */
    public boolean serverAskedForClientCertificate() {
        return transport.serverAskedForClientCertificate();
    }

    /** HTTP exchanges made so far, retries included. */
    public long requestCount() {
        return requests.get();
    }

    /** Retries made so far (throttling, server errors, transport failures, expired tokens). */
    public long retryCount() {
        return retries.get();
    }

    /** An authenticated view of the API for one key and scope; tokens are fetched and refreshed as needed. */
    public GigaChatSession session(AuthorizationKey key, Scope scope) {
        return new GigaChatSession(this, new SessionAuthorization.KeyTokens(this, broker, key, scope));
    }

    /** The API with a token handed over as is; a 401 is final (nothing can replace the token). */
    public GigaChatSession session(Credential.Token token) {
        masker.add(token.value());
        return new GigaChatSession(this, new SessionAuthorization.GivenToken(AccessToken.given(token.value())));
    }

    /** The API with tokens from {@code {baseUrl}/token} for a user and password, shared with the build. */
    public GigaChatSession session(Credential.UserPassword user) {
        user.registerWith(masker);
        return new GigaChatSession(this, new SessionAuthorization.UserTokens(this, broker, user));
    }

    /** The API with no Authorization header: the configured client certificate authenticates. */
    public GigaChatSession sessionWithoutToken() {
        if (config.clientCertificate == null) {
            throw new IllegalStateException("no client certificate is configured");
        }
        return new GigaChatSession(this, new SessionAuthorization.CertificateOnly());
    }

    /**
     * The classified exchange of a user and password at {@code {baseUrl}/token}: {@link TokenOutcome.Issued} (scope not
     * known), {@link TokenOutcome.Rejected} for a 401 in the API's JSON form, else {@link TokenOutcome.Transient}.
     * Never throws for an answer of the endpoint.
     */
    public TokenOutcome exchange(Credential.UserPassword user) {
        return broker.exchange(this, user);
    }

    /**
     * Exchanges a user and password for an access token: {@code POST {baseUrl}/token} with HTTP Basic and no body, as
     * the official Python and JavaScript SDKs do; the answer is {@code {"tok":..,"exp":<seconds>}} (the OAuth shape is
     * accepted too).
     *
     * @throws ApiException when the endpoint refuses (401: wrong user or password)
     */
    public AccessToken requestUserToken(Credential.UserPassword user) {
        user.registerWith(masker);
        URI uri = api("/token");
        String endpoint = "POST " + uri.getPath();
        String basic = Base64.getEncoder()
                .encodeToString((user.user() + ":" + user.password()).getBytes(StandardCharsets.UTF_8));
        HttpTransport.Response response = call(
                endpoint,
                () -> new HttpTransport.Request(
                        "POST",
                        uri,
                        Map.of(
                                "Authorization",
                                "Basic " + basic,
                                "RqUID",
                                UUID.randomUUID().toString(),
                                "Accept",
                                "application/json"),
                        new byte[0],
                        null));
        return parseToken(endpoint, response, null);
    }

    /**
     * The classified token exchange every goal uses: a token for the configured scope, or with {@code configured ==
     * null} ({@code auto}) for the key's own scope, all scopes tried at once. Never throws for an answer of the OAuth
     * endpoint: every answer is one of the {@link TokenOutcome} cases. Tokens come from this client's {@link
     * TokenBroker}, so a build that shares one broker asks once per key and scope.
     */
    public TokenOutcome exchange(AuthorizationKey key, Scope configured) {
        return broker.exchange(this, key, configured);
    }

    /**
     * Exchanges the key for an access token of {@code scope}: {@code POST <authUrl>} with {@code Authorization: Basic},
     * a fresh {@code RqUID} and the scope form body.
     *
     * @throws ApiException for OAuth errors (code 4: not a key; 6: unknown or revoked; 7: other scope)
     */
    public AccessToken requestToken(AuthorizationKey key, Scope scope) {
        String endpoint = "POST " + config.authUrl.getPath();
        byte[] form = ("scope=" + URLEncoder.encode(scope.wireName(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        HttpTransport.Response response = call(endpoint, () -> {
            awaitOAuthSlot();
            return new HttpTransport.Request(
                    "POST",
                    config.authUrl,
                    Map.of(
                            "Authorization",
                            "Basic " + key.value(),
                            "RqUID",
                            UUID.randomUUID().toString(),
                            "Accept",
                            "application/json"),
                    form,
                    ContentType.APPLICATION_FORM_URLENCODED);
        });
        return parseToken(endpoint, response, scope);
    }

    /** Reads {@code {access_token, expires_at}} or the older {@code {tok, exp}}; expiry in seconds or milliseconds. */
    private AccessToken parseToken(String endpoint, HttpTransport.Response response, Scope scope) {
        Json.Node body = Responses.successBody(endpoint, response);
        Json.Node token = body.has("access_token") ? body.get("access_token") : body.get("tok");
        Json.Node expires = body.has("expires_at") ? body.get("expires_at") : body.get("exp");
        if (!token.isText() || token.text().isBlank()) {
            throw Responses.unexpected(endpoint, response, "with JSON that has no 'access_token'");
        }
        masker.add(token.text());
        if (!expires.isNumber()) {
            throw Responses.unexpected(endpoint, response, "with JSON that has no numeric 'expires_at'");
        }
        long raw = expires.number().longValue();
        Instant expiresAt = raw < SECONDS_THRESHOLD ? Instant.ofEpochSecond(raw) : Instant.ofEpochMilli(raw);
        return new AccessToken(token.text(), expiresAt, scope);
    }

    /** Every attempt of a token request, retries included, waits for its slot under the endpoint's rate limit. */
    private void awaitOAuthSlot() {
        try {
            config.oauthLimiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while waiting to request a token", false, e);
        }
    }

    Instant now() {
        return config.clock.instant();
    }

    URI api(String path) {
        return URI.create(config.baseUrl + path);
    }

    SecretMasker masker() {
        return masker;
    }

    void countRetry() {
        retries.incrementAndGet();
    }

    /**
     * Executes a request, retrying 429, 500, 502, 503, 504 and transport failures per the retry policy. Returns a 2xx
     * answer; throws {@link ApiException} for other statuses and {@link UnexpectedResponseException} for redirects.
     */
    HttpTransport.Response call(String endpoint, Supplier<HttpTransport.Request> request) {
        return call(endpoint, request, true);
    }

    /**
     * As {@link #call(String, Supplier)}; with {@code retryThrottling} false a 429 is thrown at once instead of being
     * retried (server errors and transport failures still are), for callers that pace themselves.
     */
    HttpTransport.Response call(String endpoint, Supplier<HttpTransport.Request> request, boolean retryThrottling) {
        Instant start = now();
        for (int attempt = 0; ; attempt++) {
            GigaChatException failure;
            Long retryAfter = null;
            try {
                requests.incrementAndGet();
                HttpTransport.Response response = transport.execute(request.get());
                int status = response.status();
                if (status >= 200 && status < 300) {
                    return response;
                }
                if (status >= 300 && status < 400) {
                    String location = response.header("Location");
                    throw Responses.unexpected(
                            endpoint,
                            response,
                            "redirects" + (location == null ? "" : " to " + hostOf(location))
                                    + " instead of answering (a login page or a captive proxy?)");
                }
                ApiException error = Responses.error(endpoint, response, masker);
                if (!error.isTransient() || (error.status() == 429 && !retryThrottling)) {
                    throw error;
                }
                failure = error;
                retryAfter = error.retryAfterSeconds().orElse(null);
            } catch (TransportException e) {
                failure = e;
            }
            Duration elapsed = Duration.between(start, now());
            Duration wait = config.retryPolicy.delayBeforeRetry(
                    attempt,
                    retryAfter == null ? null : Duration.ofSeconds(retryAfter),
                    elapsed,
                    () -> ThreadLocalRandom.current().nextDouble());
            if (wait == null) {
                throw failure;
            }
            retries.incrementAndGet();
            try {
                config.sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private static String hostOf(String location) {
        try {
            URI uri = URI.create(location.trim());
            return uri.getHost() == null ? "another path" : uri.getHost();
        } catch (IllegalArgumentException e) {
            return "an unreadable location";
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
