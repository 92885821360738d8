package io.github.gigachat.scan;

import io.github.gigachat.client.AuthorizationKey;
import io.github.gigachat.client.InvalidKeyException;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.client.TokenOutcome;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks each distinct key once: the emulator's demo keys without a request, then (when a live check is allowed) one
 * token exchange per key, every scope tried, through the build's shared broker and its rate limit. Every key is
 * registered with the masker before any request, so no message can carry it.
 */
public final class KeyChecks {
    private final Set<String> demoKeys;
    private final SecretMasker masker;

    /**
     * @param demoKeys the built-in emulator's public demo keys, in standard padded Base64
     */
    public KeyChecks(Set<String> demoKeys, SecretMasker masker) {
        this.demoKeys = Set.copyOf(demoKeys);
        this.masker = masker;
    }

    /**
     * @param keys distinct keys in standard padded Base64
     * @param exchange one token exchange with every scope tried, or null when there is no live check
     * @param whyNotLive why there is no live check (for {@code UNVERIFIED}), when {@code exchange} is null
     * @return a verdict per key, in the order given
     */
    public Map<String, Verdict> check(
            Collection<String> keys, Function<AuthorizationKey, TokenOutcome> exchange, String whyNotLive) {
        Map<String, AuthorizationKey> parsed = new LinkedHashMap<>();
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (String key : keys) {
            masker.add(key);
            try {
                AuthorizationKey authorizationKey = KeyFormat.check(key).key();
                authorizationKey.registerWith(masker);
                parsed.put(key, authorizationKey);
            } catch (InvalidKeyException e) {
                verdicts.put(key, new Verdict(KeyStatus.UNKNOWN, null, "not a key the client can send"));
            }
        }
        for (String key : keys) {
            if (verdicts.containsKey(key)) {
                continue;
            }
            if (demoKeys.contains(key)) {
                verdicts.put(key, ScanPolicy.demo());
            } else if (exchange == null) {
                verdicts.put(key, ScanPolicy.unverified(whyNotLive));
            } else {
                verdicts.put(key, masked(ScanPolicy.of(exchange.apply(parsed.get(key)))));
            }
        }
        Map<String, Verdict> ordered = new LinkedHashMap<>();
        keys.forEach(key -> ordered.put(key, verdicts.get(key)));
        return ordered;
    }

    private Verdict masked(Verdict verdict) {
        return new Verdict(verdict.status(), verdict.scope(), masker.mask(verdict.detail()));
    }
}
