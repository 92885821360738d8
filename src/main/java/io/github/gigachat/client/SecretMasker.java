package io.github.gigachat.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces every known secret (keys, client secrets, access tokens, proxy passwords) in text bound for a log or a
 * report. A second line of defence: messages are built without secrets in the first place.
 */
public final class SecretMasker {
    /** Shorter strings are not masked: they would garble ordinary text and are not credentials. */
    private static final int MIN_SECRET_LENGTH = 6;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    public void add(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            secrets.add(secret);
        }
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }
}
