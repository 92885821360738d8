package io.github.gigachat.scan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps byte offsets to 1-based lines and columns; built only for texts that have a finding. Columns count the bytes
 * that start a UTF-8 character (so, code points), or every byte of binary content.
 */
final class LineIndex {
    static final String ALLOW_MARKER = "gigachat:allow";

    private static final byte[] MARKER = ALLOW_MARKER.getBytes(StandardCharsets.US_ASCII);

    private final byte[] text;
    private final boolean columnsInBytes;
    private final int[] lineStarts;

    // The last answers, so that many findings on one long line (minified JSON) do not read it again each time.
    private int lastLine = -1;
    private boolean lastAllowed;
    private int lastOffset = -1;
    private int lastColumn;

    LineIndex(byte[] text, boolean columnsInBytes) {
        this.text = text;
        this.columnsInBytes = columnsInBytes;
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    /** 1-based line of the offset. */
    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column of the offset. */
    int column(int offset) {
        int start = lineStarts[line(offset) - 1];
        if (columnsInBytes) {
            return offset - start + 1;
        }
        int from = start;
        int column = 1;
        if (lastOffset >= start && lastOffset <= offset) {
            from = lastOffset; // on from the last column asked on this line
            column = lastColumn;
        }
        for (int i = from; i < offset; i++) {
            if ((text[i] & 0xC0) != 0x80) {
                column++; // not a continuation byte
            }
        }
        lastOffset = offset;
        lastColumn = column;
        return column;
    }

    /** Whether the 1-based line carries the {@code gigachat:allow} marker. */
    boolean allowed(int line) {
        if (line != lastLine) {
            lastLine = line;
            lastAllowed = holdsMarker(line);
        }
        return lastAllowed;
    }

    private boolean holdsMarker(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length;
        for (int at = start; at + MARKER.length <= end; at++) {
            if (Arrays.equals(text, at, at + MARKER.length, MARKER, 0, MARKER.length)) {
                return true;
            }
        }
        return false;
    }
}
