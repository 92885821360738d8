package io.github.gigachat.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An OAuth access token and its expiry; prints only its expiry, never its value. */
public final class AccessToken {
    /** Refresh this long before the announced expiry, as the official SDK does. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final String value;
    private final Instant expiresAt;
    private final Scope scope;

    AccessToken(String value, Instant expiresAt, Scope scope) {
        this.value = Objects.requireNonNull(value);
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.scope = scope;
    }

    /** A token handed over as is ({@code GIGACHAT_ACCESS_TOKEN}): its scope and expiry are not known. */
    static AccessToken given(String value) {
        return new AccessToken(value, Instant.MAX, null);
    }

    String value() {
        return value;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The scope it was issued for; null when not known (a token handed over, or one from {@code /token}). */
    public Scope scope() {
        return scope;
    }

    boolean needsRefresh(Instant now) {
        return !now.isBefore(expiresAt.minus(REFRESH_MARGIN));
    }

    @Override
    public String toString() {
        return "AccessToken[" + (scope == null ? "scope not known" : scope) + ", expires "
                + (expiresAt.equals(Instant.MAX) ? "not known" : expiresAt) + "]";
    }
}
