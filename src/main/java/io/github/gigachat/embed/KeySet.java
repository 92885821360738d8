package io.github.gigachat.embed;

import java.util.HexFormat;

/**
 * A set of cache keys (hex SHA-256) kept compactly: the first 128 bits of each in an open-addressing table of longs,
 * 16 bytes a key, about 21 at the most filled, where a {@code HashSet<String>} takes
 * some 150. A run keeps one entry per chunk to embed, so
 * for a large corpus this is what it keeps instead of the texts. (Two different keys sharing 128 bits: never, in
 * practice.)
 */
final class KeySet {
    private long[] table = new long[2 * 64];
    private int size;
    private boolean hasZero;

    /** Adds the key; returns false if it was there already. */
    boolean add(String key) {
        long high = HexFormat.fromHexDigitsToLong(key, 0, 16);
        long low = HexFormat.fromHexDigitsToLong(key, 16, 32);
        if (high == 0 && low == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (4L * (size + 1) > 3L * (table.length / 2)) { // at most three quarters full
            grow();
        }
        if (!insert(table, high, low)) {
            return false;
        }
        size++;
        return true;
    }

    boolean contains(String key) {
        long high = HexFormat.fromHexDigitsToLong(key, 0, 16);
        long low = HexFormat.fromHexDigitsToLong(key, 16, 32);
        if (high == 0 && low == 0) {
            return hasZero;
        }
        int slots = table.length / 2;
        for (int slot = slot(high, low, slots); ; slot = (slot + 1) % slots) {
            long h = table[2 * slot];
            long l = table[2 * slot + 1];
            if (h == 0 && l == 0) {
                return false;
            }
            if (h == high && l == low) {
                return true;
            }
        }
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    private static boolean insert(long[] table, long high, long low) {
        int slots = table.length / 2;
        for (int slot = slot(high, low, slots); ; slot = (slot + 1) % slots) {
            long h = table[2 * slot];
            long l = table[2 * slot + 1];
            if (h == 0 && l == 0) {
                table[2 * slot] = high;
                table[2 * slot + 1] = low;
                return true;
            }
            if (h == high && l == low) {
                return false;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[2 * (table.length / 2 * 3 / 2)]; // half as many slots again: a smaller peak
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] != 0 || table[i + 1] != 0) {
                insert(bigger, table[i], table[i + 1]);
            }
        }
        table = bigger;
    }

    private static int slot(long high, long low, int slots) {
        return (int) Long.remainderUnsigned(high ^ Long.rotateLeft(low, 17), slots);
    }
}
