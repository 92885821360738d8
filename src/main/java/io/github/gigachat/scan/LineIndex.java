package io.github.gigachat.scan;

import java.util.Arrays;

/** Maps character offsets to 1-based lines and columns; built only for texts that have a candidate. */
final class LineIndex {
    static final String ALLOW_MARKER = "gigachat:allow";

    private final String text;
    private final int[] lineStarts;

    LineIndex(String text) {
        this.text = text;
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

    /** 1-based column of the offset, counting code points. */
    int column(int offset) {
        return text.codePointCount(lineStarts[line(offset) - 1], offset) + 1;
    }

    /** Whether the 1-based line carries the {@code gigachat:allow} marker. */
    boolean allowed(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        int at = text.indexOf(ALLOW_MARKER, start);
        return at >= 0 && at + ALLOW_MARKER.length() <= end;
    }
}
