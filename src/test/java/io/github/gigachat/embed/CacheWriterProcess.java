package io.github.gigachat.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The other process of {@code VectorCacheTest.aSecondProcessWritingTheSameDirectoryAtTheSameTime}: signals that it is
 * ready, waits for the go file, then writes and reads the same keys as the test JVM does.
 */
public final class CacheWriterProcess {
    private CacheWriterProcess() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int keys = Integer.parseInt(args[1]);
        Path ready = Path.of(args[2]);
        Path go = Path.of(args[3]);
        Files.createFile(ready);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (java.nio.file.WatchService watcher = dir.getFileSystem().newWatchService()) {
            dir.register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            while (!Files.exists(go)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no go signal within 60 s");
                }
                java.nio.file.WatchKey key = watcher.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        writeAndCheck(new VectorCache(dir), keys, false);
    }

    /** Puts every key (in opposite orders in the two processes) and checks each read is absent or exact. */
    static void writeAndCheck(VectorCache cache, int keys, boolean forward) throws IOException {
        for (int round = 0; round < 3; round++) {
            for (int n = 0; n < keys; n++) {
                int i = forward ? n : keys - 1 - n;
                float[] seen = cache.get(key(i));
                if (seen != null && !Arrays.equals(seen, vector(i))) {
                    throw new AssertionError("entry " + i + " read back wrong");
                }
                cache.put(key(i), vector(i));
                if (!Arrays.equals(cache.get(key(i)), vector(i))) {
                    throw new AssertionError("entry " + i + " missing or wrong right after put");
                }
            }
        }
    }

    static String key(int i) {
        return VectorCache.key("Embeddings", new ChunkerSettings(512, 0), "shared text " + i);
    }

    static float[] vector(int i) {
        Random random = new Random(i);
        float[] v = new float[1024];
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
