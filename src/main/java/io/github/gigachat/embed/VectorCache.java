package io.github.gigachat.embed;

import static io.github.gigachat.io.Hashes.sha256;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * A content-addressed store of vectors on disk, safe to share between modules, {@code -T} threads and several Maven
 * processes at once.
 *
 * <p>An entry is named by {@link #key}: the SHA-256 of the model, the chunker settings and the text, so a chunk whose
 * text, model and settings did not change finds its vector again, even after {@code mvn clean} when the directory lives
 * outside {@code target/}. Layout: {@code <directory>/v1/<first two hex digits>/<key>.vec}, and {@code <key>.split} for
 * a text the API refused as too long, recording how it was cut into pieces ({@link #putSplit}).
 *
 * <p>Entry format (all little-endian), {@code 16 + 4 * dimensions} bytes:
 *
 * <pre>
 *   0  4 bytes  magic "GCVC"
 *   4  int32    format version (1)
 *   8  int32    dimensions d (at least 1)
 *  12  d float32 the vector
 *  ..  int32    CRC32 of all bytes before it
 * </pre>
 *
 * <p>Writes go to a uniquely named temporary file in the entry's directory and are then renamed over the entry with
 * {@code ATOMIC_MOVE}, so a reader sees either no entry, an older complete one or the new complete one, never a
 * partial file. Concurrent writers of one key write the same content (the key is a hash of what produced it), so the
 * last rename winning is harmless. There is no fsync: an entry torn by a power failure fails its checksum and is
 * treated as absent, which costs one re-embedding and nothing else. {@link #get} deletes an entry that fails its
 * checks (best effort; should another process replace it with a good one in that instant, the good one may be
 * deleted, which again costs one re-embedding).
 *
 * <p>Instances hold no state besides the directory: any number of them may point at the same directory.
 */
public final class VectorCache {
    static final int MAGIC = 0x43564347; // "GCVC" read as a little-endian int
    static final int VERSION = 1;
    static final int HEADER_BYTES = 12;
    static final int TRAILER_BYTES = 4;
    private static final String LAYOUT = "v1";
    private static final String SUFFIX = ".vec";
    private static final String SPLIT_SUFFIX = ".split";
    static final int SPLIT_MAGIC = 0x50534347; // "GCSP" read as a little-endian int
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Path root;

    public VectorCache(Path directory) {
        this.root = Objects.requireNonNull(directory, "directory").resolve(LAYOUT);
    }

    /**
     * The cache key of {@code text} embedded with {@code model} after splitting with {@code settings}: lowercase hex
     * SHA-256 over a format tag and the three values, each preceded by its length in UTF-8 bytes, so that no two
     * different triples share an input.
     */
    public static String key(String model, ChunkerSettings settings, String text) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(text, "text");
        MessageDigest digest = sha256();
        update(digest, "gigachat-vector-cache/1");
        update(digest, model);
        update(digest, settings.fingerprint());
        update(digest, text);
        return hex(digest.digest());
    }

    /** Where the entry of {@code key} lives (whether or not it exists). */
    public Path path(String key) {
        requireKey(key);
        return root.resolve(key.substring(0, 2)).resolve(key + SUFFIX);
    }

    /**
     * The vector stored under {@code key}, or {@code null} when there is none. An entry that is truncated, corrupt or
     * of an unknown format is deleted (best effort) and reported as absent.
     *
     * @throws IOException when the entry exists but cannot be read
     */
    public float[] get(String key) throws IOException {
        Path file = path(key);
        byte[] bytes = read(file);
        float[] vector = bytes == null ? null : decode(bytes);
        if (bytes != null && vector == null) {
            discard(file); // the next put replaces it anyway
        }
        return vector;
    }

    /**
     * Stores {@code vector} under {@code key}, atomically replacing any entry there.
     *
     * @throws IllegalArgumentException for an empty vector or one with NaN or infinite components
     */
    public void put(String key, float[] vector) throws IOException {
        write(key, path(key), encode(vector));
    }

    /**
     * Whether an entry for {@code key} exists and its length fits its header. Cheaper than {@link #get}, which also
     * checks the checksum: a plan asks this of every chunk, and only the writing pass reads the vectors.
     */
    public boolean contains(String key) throws IOException {
        Path file = path(key);
        if (!exists(file)) {
            return false;
        }
        try (var channel = Files.newByteChannel(file)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // read the whole header
            }
            if (header.hasRemaining() || header.getInt(0) != MAGIC || header.getInt(4) != VERSION) {
                return false;
            }
            int dimensions = header.getInt(8);
            return dimensions >= 1 && channel.size() == HEADER_BYTES + 4L * dimensions + TRAILER_BYTES;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Records that the text of {@code key} is embedded as pieces, because the API refused it as too long: {@code bounds}
     * holds the {@code [start, end)} offsets of each piece in the text, in order. Next time the text is met, its pieces
     * are looked up instead of asking the API again. Kept next to the vector entries, as {@code <key>.split}.
     *
     * @throws IllegalArgumentException unless there are two or more non-empty, increasing, non-overlapping pieces
     */
    public void putSplit(String key, int[] bounds) throws IOException {
        if (!validBounds(bounds, Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("not the bounds of two or more pieces: " + Arrays.toString(bounds));
        }
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + 4 * bounds.length + TRAILER_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(SPLIT_MAGIC).putInt(VERSION).putInt(bounds.length / 2);
        for (int bound : bounds) {
            buffer.putInt(bound);
        }
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        write(key, splitPath(key), buffer.array());
    }

    /**
     * The piece bounds recorded for the text of {@code key}, or null when there are none (or they do not fit a text of
     * {@code textLength} characters, or the record is damaged: then it is deleted, best effort).
     */
    public int[] getSplit(String key, int textLength) throws IOException {
        Path file = splitPath(key);
        byte[] bytes = read(file);
        if (bytes == null) {
            return null;
        }
        int[] bounds = decodeSplit(bytes);
        if (bounds == null || !validBounds(bounds, textLength)) {
            discard(file); // the text is embedded or split again
            return null;
        }
        return bounds;
    }

    /** The bytes of an entry, or null when there is none (a miss costs no exception: see {@link #exists}). */
    private static byte[] read(Path file) throws IOException {
        if (!exists(file)) {
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null; // removed since
        }
    }

    /** Deletes a damaged entry, best effort. */
    private static void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: it is written again
        }
    }

    private static int[] decodeSplit(byte[] bytes) {
        ByteBuffer items = items(bytes, SPLIT_MAGIC, 8, 2);
        if (items == null) {
            return null;
        }
        int[] bounds = new int[items.remaining() / 4];
        items.asIntBuffer().get(bounds);
        return bounds;
    }

    /**
     * The items of an intact entry: the right magic and version, a count of at least {@code minCount} items of {@code
     * itemBytes} that fills the entry exactly, and a matching CRC; positioned at the first item, limited to the last.
     * Null for anything else (a torn or foreign file is a cache miss).
     */
    private static ByteBuffer items(byte[] bytes, int magic, int itemBytes, int minCount) {
        if (bytes.length < HEADER_BYTES + (long) itemBytes * minCount + TRAILER_BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.getInt() != magic || buffer.getInt() != VERSION) {
            return null;
        }
        int count = buffer.getInt();
        if (count < minCount || (long) HEADER_BYTES + (long) itemBytes * count + TRAILER_BYTES != bytes.length) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - TRAILER_BYTES);
        if (buffer.getInt(bytes.length - TRAILER_BYTES) != (int) crc.getValue()) {
            return null;
        }
        return buffer.limit(bytes.length - TRAILER_BYTES);
    }

    private static boolean validBounds(int[] bounds, int textLength) {
        if (bounds == null || bounds.length < 4 || bounds.length % 2 != 0) {
            return false;
        }
        int previousEnd = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] < previousEnd || bounds[i + 1] <= bounds[i] || bounds[i + 1] > textLength) {
                return false;
            }
            previousEnd = bounds[i + 1];
        }
        return true;
    }

    /**
     * Whether the file is there, without an exception when it is not: most lookups of a cold build miss, and on Java 17
     * every missing file met through {@code java.nio.file} costs a {@code NoSuchFileException} and its stack trace.
     */
    private static boolean exists(Path file) {
        return file.toFile().isFile();
    }

    private Path splitPath(String key) {
        return path(key).resolveSibling(key + SPLIT_SUFFIX);
    }

    /** Writes an entry's bytes to a temporary sibling, then renames it over the entry. */
    private void write(String key, Path file, byte[] bytes) throws IOException {
        Path dir = file.getParent();
        Path temp = dir.resolve(
                "." + key + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            // first entry of this shard, or another process just removed the directory
            Files.createDirectories(dir);
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        try {
            move(temp, file);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // left behind as a hidden .tmp file; it is never read
            }
            throw e;
        }
    }

    private void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (AccessDeniedException e) {
            // Windows refuses to replace a file another process has open; a good entry there is as good as ours
            if (!isGoodEntry(file)) {
                throw e;
            }
            Files.deleteIfExists(temp);
        }
    }

    private static boolean isGoodEntry(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return decode(bytes) != null || decodeSplit(bytes) != null;
        } catch (IOException e) {
            return false;
        }
    }

    static byte[] encode(float[] vector) {
        Objects.requireNonNull(vector, "vector");
        if (vector.length == 0) {
            throw new IllegalArgumentException("an empty vector cannot be cached");
        }
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + 4 * vector.length + TRAILER_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(VERSION).putInt(vector.length);
        for (float component : vector) {
            if (!Float.isFinite(component)) {
                throw new IllegalArgumentException("a vector with a NaN or infinite component cannot be cached");
            }
            buffer.putFloat(component);
        }
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /** The vector of an entry, or null when the bytes are not a complete, intact entry of this format. */
    static float[] decode(byte[] bytes) {
        ByteBuffer items = items(bytes, MAGIC, 4, 1);
        if (items == null) {
            return null;
        }
        float[] vector = new float[items.remaining() / 4];
        items.asFloatBuffer().get(vector);
        return vector;
    }

    private static void requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.length() != 64) {
            throw new IllegalArgumentException("not a cache key (64 lowercase hex digits): " + key);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("not a cache key (64 lowercase hex digits): " + key);
            }
        }
    }

    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(bytes);
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "VectorCache[" + root + "]";
    }
}
