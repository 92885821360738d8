package io.github.gigachat.maven;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Results shared by all modules of one build, the way Enforcer caches rule results per session: keyed by the build's
 * request object (the same for every module, also under {@code -T}) and a fingerprint of the configuration. The first
 * module computes; concurrent modules wait for it; later builds in the same JVM (mvnd) start afresh.
 */
final class BuildCache {
    private static final Map<Object, Map<String, CompletableFuture<Object>>> BUILDS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private BuildCache() {}

    /** The cached value, or {@code compute}'s; the boolean of {@link Entry} says whether this call computed it. */
    @SuppressWarnings("unchecked")
    static <T> Entry<T> get(Object build, String key, Supplier<T> compute) {
        Map<String, CompletableFuture<Object>> entries = BUILDS.computeIfAbsent(build, b -> new ConcurrentHashMap<>());
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = entries.putIfAbsent(key, mine);
        if (existing != null) {
            try {
                return new Entry<>((T) existing.join(), false);
            } catch (java.util.concurrent.CompletionException e) {
                // the first module failed: rethrow its own exception, not the wrapper
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        try {
            T value = compute.get();
            mine.complete(value);
            return new Entry<>(value, true);
        } catch (RuntimeException | Error e) {
            entries.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** A value and whether this call computed it (false: reused from an earlier module). */
    record Entry<T>(T value, boolean computed) {}
}
