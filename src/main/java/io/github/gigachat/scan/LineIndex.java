package io.github.gigachat.scan;

import java.util.Arrays;

/**
 * Maps character offsets to 1-based lines and columns; built only for texts that have a candidate. A text may also be
 * the bytes of UTF-8 read one char per byte (ISO-8859-1): then a column counts the bytes that start a character.
 */
final class LineIndex {
    static final String ALLOW_MARKER = "gigachat:allow";

    private final String text;
    private final boolean utf8Bytes;
    private final int[] lineStarts;

    LineIndex(String text) {
        this(text, false);
    }

    LineIndex(String text, boolean utf8Bytes) {
        this.text = text;
        this.utf8Bytes = utf8Bytes;
        int[] starts = new int[16];
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    /** 1-based line of the offset. */
    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column of the offset, counting code points (characters of the UTF-8 a byte text holds). */
    int column(int offset) {
        int start = lineStarts[line(offset) - 1];
        if (!utf8Bytes) {
            return text.codePointCount(start, offset) + 1;
        }
        int column = 1;
        for (int i = start; i < offset; i++) {
            char c = text.charAt(i);
            if (c < 0x80 || c >= 0xC0) {
                column++; // not a continuation byte
            }
        }
        return column;
    }

    /** Whether the 1-based line carries the {@code gigachat:allow} marker. */
    boolean allowed(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        int at = text.indexOf(ALLOW_MARKER, start);
        return at >= 0 && at + ALLOW_MARKER.length() <= end;
    }
}
