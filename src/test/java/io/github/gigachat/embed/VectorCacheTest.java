package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorCacheTest {
    private static final ChunkerSettings SETTINGS = new ChunkerSettings(512, 0);

    @TempDir
    Path dir;

    static float[] vector(int seed, int dimensions) {
        Random random = new Random(seed);
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) random.nextGaussian() * 3;
        }
        return v;
    }

    static String key(int i) {
        return VectorCache.key("Embeddings", SETTINGS, "text number " + i);
    }

    @Test
    void keysAreHexSha256AndDependOnModelSettingsAndText() {
        String base = VectorCache.key("Embeddings", SETTINGS, "Привет, мир");
        assertThat(base).matches("[0-9a-f]{64}");
        assertThat(VectorCache.key("Embeddings", SETTINGS, "Привет, мир")).isEqualTo(base);
        assertThat(VectorCache.key("Embeddings-2", SETTINGS, "Привет, мир")).isNotEqualTo(base);
        assertThat(VectorCache.key("Embeddings", new ChunkerSettings(256, 0), "Привет, мир"))
                .isNotEqualTo(base);
        assertThat(VectorCache.key("Embeddings", new ChunkerSettings(512, 32), "Привет, мир"))
                .isNotEqualTo(base);
        assertThat(VectorCache.key("Embeddings", SETTINGS, "Привет, мир!")).isNotEqualTo(base);
    }

    @Test
    void keysAreUnambiguousWhereFieldsMeet() {
        assertThat(VectorCache.key("ab", SETTINGS, "c")).isNotEqualTo(VectorCache.key("a", SETTINGS, "bc"));
        assertThat(VectorCache.key("a", SETTINGS, "")).isNotEqualTo(VectorCache.key("", SETTINGS, "a"));
    }

    @Test
    void roundTripsAVectorExactly() throws IOException {
        VectorCache cache = new VectorCache(dir);
        float[] v = vector(1, 1024);
        v[0] = -0.0f;
        v[1] = Float.MIN_VALUE;
        v[2] = Float.MAX_VALUE;
        cache.put(key(1), v);

        assertThat(cache.get(key(1))).containsExactly(v);
        Path file = cache.path(key(1));
        assertThat(file).exists();
        assertThat(dir.relativize(file).toString().replace('\\', '/'))
                .isEqualTo("v1/" + key(1).substring(0, 2) + "/" + key(1) + ".vec");
        assertThat(Files.size(file)).isEqualTo(16 + 4 * 1024);
        assertThat(Float.floatToRawIntBits(cache.get(key(1))[0])).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }

    @Test
    void theFileFormatIsLittleEndianWithMagicVersionAndDimensions() throws IOException {
        VectorCache cache = new VectorCache(dir);
        cache.put(key(2), new float[] {1.0f, -2.5f});
        byte[] bytes = Files.readAllBytes(cache.path(key(2)));
        assertThat(bytes).hasSize(24);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("GCVC");
        assertThat(bytes[4]).isEqualTo((byte) 1);
        assertThat(bytes[8]).isEqualTo((byte) 2);
        // 1.0f is 0x3f800000: little-endian it ends in 0x80, 0x3f
        assertThat(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}).containsExactly(0, 0, (byte) 0x80, 0x3f);
    }

    @Test
    void anAbsentKeyIsNull() throws IOException {
        VectorCache cache = new VectorCache(dir.resolve("does/not/exist/yet"));
        assertThat(cache.get(key(3))).isNull();
    }

    @Test
    void overwritingReplacesTheEntry() throws IOException {
        VectorCache cache = new VectorCache(dir);
        cache.put(key(4), vector(1, 8));
        cache.put(key(4), vector(2, 16));
        assertThat(cache.get(key(4))).containsExactly(vector(2, 16));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFlippedByteAnywhereIsDetectedDeletedAndReportedAbsent() throws IOException {
        VectorCache cache = new VectorCache(dir);
        byte[] good = VectorCache.encode(vector(5, 32));
        for (int position : new int[] {0, 4, 8, 12, 12 + 4 * 17 + 2, good.length - 1}) {
            cache.put(key(5), vector(5, 32));
            Path file = cache.path(key(5));
            byte[] bad = good.clone();
            bad[position] ^= 0x10;
            Files.write(file, bad);

            assertThat(cache.get(key(5))).as("byte %d flipped", position).isNull();
            assertThat(file).as("corrupt entry removed").doesNotExist();
        }
    }

    @Test
    void aTruncatedOrEmptyEntryIsDetectedDeletedAndReportedAbsent() throws IOException {
        VectorCache cache = new VectorCache(dir);
        byte[] good = VectorCache.encode(vector(6, 64));
        for (int length : new int[] {0, 3, 12, 16, good.length - 4, good.length - 1}) {
            cache.put(key(6), vector(6, 64));
            Path file = cache.path(key(6));
            Files.write(file, Arrays.copyOf(good, length));

            assertThat(cache.get(key(6))).as("truncated to %d bytes", length).isNull();
            assertThat(file).doesNotExist();
        }
        // and an entry with bytes appended
        cache.put(key(6), vector(6, 64));
        Files.write(cache.path(key(6)), new byte[] {1, 2, 3, 4}, StandardOpenOption.APPEND);
        assertThat(cache.get(key(6))).isNull();
    }

    @Test
    void afterCorruptionAFreshPutWorks() throws IOException {
        VectorCache cache = new VectorCache(dir);
        cache.put(key(7), vector(7, 8));
        Files.write(cache.path(key(7)), new byte[] {1, 2, 3});
        assertThat(cache.get(key(7))).isNull();
        cache.put(key(7), vector(7, 8));
        assertThat(cache.get(key(7))).containsExactly(vector(7, 8));
    }

    @Test
    void refusesKeysThatAreNotHashesAndVectorsThatCannotBeStored() {
        VectorCache cache = new VectorCache(dir);
        assertThatThrownBy(() -> cache.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.put(key(8).toUpperCase(Locale.ROOT), new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.put(key(8), new float[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.put(key(8), new float[] {1, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.path(key(8))).doesNotExist();
    }

    @Test
    void twoInstancesOnOneDirectorySeeEachOthersEntries() throws IOException {
        VectorCache first = new VectorCache(dir);
        VectorCache second = new VectorCache(dir);
        first.put(key(9), vector(9, 100));
        assertThat(second.get(key(9))).containsExactly(vector(9, 100));
        second.put(key(10), vector(10, 100));
        assertThat(first.get(key(10))).containsExactly(vector(10, 100));
    }

    /**
     * Many threads, over two cache instances, start together and put and read the same and different keys. Every read
     * returns either nothing (not written yet) or exactly the right vector, never a torn or foreign one.
     */
    @Test
    void concurrentWritersAndReadersNeverSeeAPartialEntry() throws Exception {
        int threads = 16;
        int sharedKeys = 8;
        int ownKeys = 40;
        int dimensions = 1024;
        VectorCache[] caches = {new VectorCache(dir), new VectorCache(dir)};
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Integer> task = () -> {
                    VectorCache cache = caches[thread % 2];
                    start.await();
                    int reads = 0;
                    for (int round = 0; round < 5; round++) {
                        for (int k = 0; k < sharedKeys; k++) {
                            float[] seen = cache.get(key(1000 + k));
                            if (seen != null) {
                                assertThat(seen).containsExactly(vector(1000 + k, dimensions));
                                reads++;
                            }
                            cache.put(key(1000 + k), vector(1000 + k, dimensions));
                            assertThat(cache.get(key(1000 + k))).containsExactly(vector(1000 + k, dimensions));
                        }
                    }
                    for (int k = 0; k < ownKeys; k++) {
                        int id = 2000 + thread * ownKeys + k;
                        cache.put(key(id), vector(id, dimensions));
                    }
                    for (int k = 0; k < ownKeys; k++) {
                        int id = 2000 + thread * ownKeys + k;
                        assertThat(caches[(thread + 1) % 2].get(key(id))).containsExactly(vector(id, dimensions));
                    }
                    return reads;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            int reads = 0;
            for (Future<Integer> result : results) {
                reads += result.get(60, TimeUnit.SECONDS);
            }
            assertThat(reads).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(leftovers()).isEmpty();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".vec")).count())
                    .isEqualTo(sharedKeys + (long) threads * ownKeys);
        }
    }

    /** Two JVMs (this one and a child process) hammer the same keys; both end up reading every vector intact. */
    @Test
    void aSecondProcessWritingTheSameDirectoryAtTheSameTime() throws Exception {
        int keys = 300;
        Path ready = dir.resolve("child-ready");
        Path go = dir.resolve("go");
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        javaExe,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CacheWriterProcess.class.getName(),
                        dir.toString(),
                        String.valueOf(keys),
                        ready.toString(),
                        go.toString())
                .redirectErrorStream(true)
                .start();
        try {
            // the child signals readiness by creating a file, then waits for ours; no timing assumptions
            waitForFile(ready, child);
            Files.createFile(go);
            CacheWriterProcess.writeAndCheck(new VectorCache(dir), keys, true);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(output).isZero();
        } finally {
            child.destroyForcibly();
        }
        VectorCache cache = new VectorCache(dir);
        for (int i = 0; i < keys; i++) {
            assertThat(cache.get(CacheWriterProcess.key(i))).containsExactly(CacheWriterProcess.vector(i));
        }
        assertThat(leftovers()).isEmpty();
    }

    private static void waitForFile(Path file, Process child) throws Exception {
        WatchService watcher = file.getFileSystem().newWatchService();
        try (watcher) {
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(file)) {
                assertThat(child.isAlive()).as("child process still running").isTrue();
                assertThat(System.nanoTime()).as("child ready within 60 s").isLessThan(deadline);
                WatchKey key = watcher.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    private List<Path> leftovers() throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }

    @Test
    void aSplitRecordComesBackForATextOfTheSameLengthOnly() throws IOException {
        VectorCache cache = new VectorCache(dir);
        String key = VectorCache.key("Embeddings", new ChunkerSettings(512, 0), "a text of twenty-six chars");
        int[] bounds = {0, 8, 9, 26};

        assertThat(cache.getSplit(key, 26)).isNull();
        cache.putSplit(key, bounds);

        assertThat(cache.getSplit(key, 26)).containsExactly(bounds);
        assertThat(cache.contains(key)).as("a split is no vector").isFalse();
        assertThat(cache.get(key)).isNull();
        assertThat(cache.getSplit(key, 20)).as("bounds beyond the text").isNull();
        assertThat(cache.getSplit(key, 26)).as("an unfit record is deleted").isNull();
    }

    @Test
    void aDamagedSplitRecordIsAbsent() throws IOException {
        VectorCache cache = new VectorCache(dir);
        String key = VectorCache.key("Embeddings", new ChunkerSettings(512, 0), "text");
        cache.putSplit(key, new int[] {0, 2, 2, 4});
        Path file = cache.path(key).resolveSibling(key + ".split");
        byte[] bytes = Files.readAllBytes(file);
        bytes[14] ^= 1;
        Files.write(file, bytes);

        assertThat(cache.getSplit(key, 4)).isNull();
        assertThat(file).doesNotExist();
    }

    @Test
    void onlyBoundsOfTwoOrMoreOrderedPiecesAreRecorded() {
        VectorCache cache = new VectorCache(dir);
        String key = VectorCache.key("Embeddings", new ChunkerSettings(512, 0), "text");
        for (int[] bad : new int[][] {{0, 4}, {0, 2, 1, 4}, {0, 0, 0, 4}, {2, 1, 3, 4}, {0, 1, 2}}) {
            assertThatThrownBy(() -> cache.putSplit(key, bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void containsChecksTheLengthAgainstTheHeader() throws IOException {
        VectorCache cache = new VectorCache(dir);
        String key = VectorCache.key("Embeddings", new ChunkerSettings(512, 0), "text");
        assertThat(cache.contains(key)).isFalse();
        cache.put(key, new float[] {1, 2, 3});
        assertThat(cache.contains(key)).isTrue();
        Path file = cache.path(key);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThat(cache.contains(key)).isFalse();
    }
}
