package io.github.gigachat.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Finds GigaChat credentials in the text of one file: Authorization Keys (Base64 of {@code UUID:secret}, also
 * JSON-escaped, URL-encoded or Base64-encoded once more) and client id + secret pairs. Lines with
 * {@code gigachat:allow} are skipped.
 *
 * <p>Everything either kind needs is ASCII, which UTF-8 keeps byte for byte, so the detector reads bytes: one pass
 * picks the runs of bytes that can hold a key or a UUID, skipping most text without looking at each byte, and only
 * those runs are looked at again. Nothing is decoded or allocated for text without such a run. Names and UUIDs are
 * ASCII words: any other character, ASCII or not, ends one.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyDetector {
    /** Bits of {@link #classOf(byte)}: what a byte inside a run can be part of. 0 means it ends a run. */
    private static final int BASE64 = 1;

    private static final int ESCAPE = 2;
    private static final int DASH = 4;

    /**
     * The shortest run worth a look: a UUID (36 characters) is the shortest thing either kind needs; a key needs
     * {@link AuthorizationKeys#MIN_KEY_CHARS}.
     */
    static final int MIN_RUN = 36;

    private static final byte[] CLASSES = new byte[256];

    static {
        // A run is Base64 of either alphabet and the escape characters of JSON and URLs: a key in every encoding the
        // detector reads. Padding ends a Base64 token, so it ends runs too (an escaped '=' is unescaped later). A
        // UUID's hex digits and dashes are Base64 characters, so a UUID lies in a run.
        for (int c = 0; c < 128; c++) {
            if (AuthorizationKeys.isBase64((byte) c)) {
                CLASSES[c] = BASE64;
            }
        }
        CLASSES['-'] = BASE64 | DASH;
        CLASSES['%'] = ESCAPE;
        CLASSES['\\'] = ESCAPE;
    }

    private static final Comparator<KeyFinding> BY_POSITION = Comparator.comparingInt(KeyFinding::line)
            .thenComparingInt(KeyFinding::column)
            .thenComparing(KeyFinding::kind);

    /** The findings in the text, in order of position; each place and key at most once. */
    public List<KeyFinding> detect(CharSequence content) {
        return detect(oneBytePerChar(content), () -> false);
    }

    /**
     * The text as bytes read like UTF-8, one byte per char so offsets stay char offsets: ASCII as it is; any other
     * char is never part of a key or a name, so a byte that is not ASCII stands for it: one that starts a character,
     * or a continuation byte for the second half of a surrogate pair, so that columns still count code points.
     */
    private static byte[] oneBytePerChar(CharSequence content) {
        String text = content.toString();
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes[i] = (byte) c;
            } else {
                boolean secondHalf =
                        Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
                bytes[i] = (byte) (secondHalf ? 0x80 : 0xC0);
            }
        }
        return bytes;
    }

    /**
     * The findings in UTF-8 bytes, read without decoding them: keys and the names around them are ASCII, which UTF-8
     * keeps byte for byte, and columns count the bytes that start a character. Bytes that are not valid UTF-8 are
     * never part of a key.
     */
    public List<KeyFinding> detectUtf8(byte[] content) {
        return detect(content, () -> false);
    }

    /**
     * The findings in bytes read as UTF-8, or, when {@code columnsInBytes} says so, with a column per byte (binary
     * content). It is asked only when there is a finding, so most texts never pay for the answer.
     */
    List<KeyFinding> detect(byte[] text, BooleanSupplier columnsInBytes) {
        Collected collected = new Collected(text, columnsInBytes);
        AuthorizationKeys.Sink keys = (offset, key) -> collected.add(KeyKind.AUTHORIZATION_KEY, offset, key);
        CredentialPairs pairs = new CredentialPairs(text);
        Runs runs = new Runs(text);
        while (runs.next()) {
            if (runs.end - runs.start >= AuthorizationKeys.MIN_KEY_CHARS) {
                AuthorizationKeys.scanRun(text, runs.start, runs.end, (runs.classes & ESCAPE) != 0, keys);
            }
            if ((runs.classes & DASH) != 0) {
                pairs.addUuidsIn(runs.start, runs.end);
            }
        }
        pairs.report(collected::lines, (offset, key) -> collected.add(KeyKind.CLIENT_CREDENTIALS, offset, key));
        return collected.sorted();
    }

    /**
     * The maximal runs of at least {@link #MIN_RUN} bytes that have a class, in order, found the way a string search
     * skips: a run long enough that starts in {@code [i, i + MIN_RUN)} covers the byte at {@code i + MIN_RUN - 1}.
     * When that byte has no class, the whole window is skipped unread; otherwise the window is read backwards to the
     * last byte without one, and a long enough run can only start after it.
     */
    private static final class Runs {
        private final byte[] text;
        int start;
        int end = -1;
        /** The OR of the classes of the run's bytes. */
        int classes;

        Runs(byte[] text) {
            this.text = text;
        }

        /** Moves to the next run; false when there is none. */
        boolean next() {
            int n = text.length;
            int i = end + 1;
            // i is always 0 or follows a byte that ends runs, so a run found from i is maximal on the left.
            while (i + MIN_RUN <= n) {
                int last = i + MIN_RUN - 1;
                int found = classOf(text[last]);
                if (found == 0) {
                    i = last + 1;
                    continue;
                }
                int q = last - 1;
                int c;
                while (q >= i && (c = classOf(text[q])) != 0) {
                    found |= c;
                    q--;
                }
                if (q >= i) {
                    i = q + 1;
                    continue;
                }
                int k = last + 1;
                while (k < n && (c = classOf(text[k])) != 0) {
                    found |= c;
                    k++;
                }
                start = i;
                end = k;
                classes = found;
                return true;
            }
            end = n;
            return false;
        }
    }

    private static int classOf(byte b) {
        return CLASSES[b & 0xFF];
    }

    /** The findings of one text; the line index and the set exist only once there is a finding. */
    private static final class Collected {
        private final byte[] text;
        private final BooleanSupplier columnsInBytes;
        private LineIndex lines;
        private Set<KeyFinding> findings;

        Collected(byte[] text, BooleanSupplier columnsInBytes) {
            this.text = text;
            this.columnsInBytes = columnsInBytes;
        }

        LineIndex lines() {
            if (lines == null) {
                lines = new LineIndex(text, columnsInBytes.getAsBoolean());
            }
            return lines;
        }

        void add(KeyKind kind, int offset, String key) {
            LineIndex index = lines();
            int line = index.line(offset);
            if (!index.allowed(line)) {
                if (findings == null) {
                    findings = new LinkedHashSet<>();
                }
                findings.add(new KeyFinding(kind, line, index.column(offset), key));
            }
        }

        List<KeyFinding> sorted() {
            if (findings == null) {
                return List.of();
            }
            List<KeyFinding> sorted = new ArrayList<>(findings);
            sorted.sort(BY_POSITION);
            return List.copyOf(sorted);
        }
    }
}
