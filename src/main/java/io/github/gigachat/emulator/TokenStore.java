package io.github.gigachat.emulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Issues opaque JWE-looking access tokens and tells whether a presented token is valid, expired or unknown. */
final class TokenStore {
    enum Status {
        VALID,
        EXPIRED,
        UNKNOWN
    }

    /** What a presented token stands for; {@code clientId} is null for unknown tokens. */
    record Lookup(Status status, String clientId) {}

    /** A token as handed out; {@code expiresAt} is epoch milliseconds. */
    record Issued(String token, long expiresAt) {}

    private static final class Entry {
        final String clientId;
        final long expiresAt;
        volatile boolean forcedExpired;

        Entry(String clientId, long expiresAt) {
            this.clientId = clientId;
            this.expiresAt = expiresAt;
        }
    }

    private static final String JWE_HEADER = base64Url(
            "{\"enc\":\"A256CBC-HS512\",\"alg\":\"RSA-OAEP-256\",\"cty\":\"jwt\"}".getBytes(StandardCharsets.UTF_8));

    private final Map<String, Entry> tokens = new ConcurrentHashMap<>();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration ttl;

    TokenStore(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    Issued issue(String clientId) {
        String token = newToken();
        long expiresAt = clock.millis() + ttl.toMillis();
        tokens.put(token, new Entry(clientId, expiresAt));
        issued.add(token);
        return new Issued(token, expiresAt);
    }

    /** Accepts a token chosen elsewhere (say, pinned in a test's environment) for {@code clientId}, for the TTL. */
    Issued accept(String token, String clientId) {
        long expiresAt = clock.millis() + ttl.toMillis();
        tokens.put(token, new Entry(clientId, expiresAt));
        return new Issued(token, expiresAt); // not in issuedTokens(): the emulator did not issue it
    }

    Lookup lookup(String token) {
        Entry entry = token == null ? null : tokens.get(token);
        if (entry == null) {
            return new Lookup(Status.UNKNOWN, null);
        }
        boolean expired = entry.forcedExpired || clock.millis() >= entry.expiresAt;
        return new Lookup(expired ? Status.EXPIRED : Status.VALID, entry.clientId);
    }

    void expireAll() {
        tokens.values().forEach(e -> e.forcedExpired = true);
    }

    List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    /** Five base64url parts like a compact JWE: header, encrypted key, IV, ciphertext, tag (about 900 chars). */
    private String newToken() {
        return JWE_HEADER + "." + randomPart(256) + "." + randomPart(16) + "." + randomPart(384) + "." + randomPart(32);
    }

    private String randomPart(int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return base64Url(data);
    }

    private static String base64Url(byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }
}
