package io.github.gigachat.client;

import java.util.List;

/** Finds the scope a key belongs to by asking for a token: OAuth code 7 means "another scope", so try the next. */
public final class ScopeDiscovery {
    private ScopeDiscovery() {}

    /**
     * A token for the configured scope, or with {@code configured == null} for the first of PERS, B2B, CORP that the
     * key belongs to.
     *
     * @throws ApiException the last OAuth error (code 7 for a key of another scope than the configured one)
     */
    public static AccessToken token(GigaChatClient client, AuthorizationKey key, Scope configured) {
        List<Scope> order = configured != null ? List.of(configured) : List.of(Scope.values());
        ApiException last = null;
        for (Scope scope : order) {
            try {
                return client.requestToken(key, scope);
            } catch (ApiException e) {
                if (e.code().orElse(-1) != 7) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }
}
