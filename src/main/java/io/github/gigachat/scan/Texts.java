package io.github.gigachat.scan;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the detector over bytes. Keys are ASCII, so no encoding can hide one: UTF-8 is scanned byte for byte without
 * decoding (see {@link KeyDetector#detectUtf8(byte[])}; invalid bytes cannot be part of a key), UTF-16 decoded when a
 * byte order mark says so, and binary content (a NUL in its first 8 KiB, as git decides) byte for byte too, with
 * columns in bytes, so a key inside a {@code .class} constant pool is still found. Binary and UTF-8 are scanned alike,
 * so whether content is binary is asked only for the columns of a finding.
 */
final class Texts {
    private static final int BINARY_PROBE = 8000;

    private Texts() {}

    static List<KeyFinding> detect(KeyDetector detector, byte[] content) {
        String utf16 = utf16(content);
        if (utf16 != null) {
            List<KeyFinding> findings = detector.detect(utf16);
            // a binary file may start with those two bytes too: then its bytes are what to read
            return findings.isEmpty() ? detector.detect(content, () -> true) : findings;
        }
        return detector.detect(content, () -> isBinary(content));
    }

    /**
     * The text of a file in UTF-16: one that starts with a byte order mark, or (as Windows tools write it) one without
     * whose first character is ASCII and whose first 8 KiB hold a NUL in nearly every other byte. Else null.
     */
    private static String utf16(byte[] content) {
        int n = content.length;
        if (n < 2) {
            return null;
        }
        int b0 = content[0] & 0xFF;
        int b1 = content[1] & 0xFF;
        if (b0 == 0xFE && b1 == 0xFF) {
            return new String(content, 2, n - 2, StandardCharsets.UTF_16BE);
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return new String(content, 2, n - 2, StandardCharsets.UTF_16LE);
        }
        if (b0 != 0 && b1 == 0 && mostlyNul(content, 1)) {
            return new String(content, StandardCharsets.UTF_16LE);
        }
        if (b0 == 0 && b1 != 0 && mostlyNul(content, 0)) {
            return new String(content, StandardCharsets.UTF_16BE);
        }
        return null;
    }

    /** Whether nine in ten bytes at this parity (0: even, 1: odd) of the first 8 KiB are NUL, and the others not. */
    private static boolean mostlyNul(byte[] content, int parity) {
        int end = Math.min(content.length, BINARY_PROBE) & ~1;
        int nul = 0;
        int otherNul = 0;
        for (int i = 0; i < end; i += 2) {
            nul += content[i + parity] == 0 ? 1 : 0;
            otherNul += content[i + 1 - parity] == 0 ? 1 : 0;
        }
        int pairs = end / 2;
        return nul * 10 >= pairs * 9 && otherNul * 10 <= pairs;
    }

    static boolean isBinary(byte[] content) {
        int end = Math.min(content.length, BINARY_PROBE);
        for (int i = 0; i < end; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
