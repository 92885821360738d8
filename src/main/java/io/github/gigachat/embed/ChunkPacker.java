package io.github.gigachat.embed;

import static io.github.gigachat.embed.Atoms.CHARACTER;
import static io.github.gigachat.embed.Atoms.END;
import static io.github.gigachat.embed.Atoms.SECTION;
import static io.github.gigachat.embed.Atoms.SENTENCE;
import static io.github.gigachat.io.Hashes.sha256;

import io.github.gigachat.embed.Atoms.IntList;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The second step of splitting one text: packs its {@link Atoms} greedily into chunks; see {@link TextChunker}. */
final class ChunkPacker {
    private final String text;
    private final String source;
    private final int max;
    private final int overlap;
    private final IntList starts;
    private final IntList ends;
    private final IntList tokens;
    private final IntList gaps;
    private final IntList strengths;
    private final IntList pathOf;
    private final IntList groupEnd;
    private final List<List<String>> paths;

    ChunkPacker(Atoms atoms) {
        this.text = atoms.text;
        this.source = atoms.source;
        this.max = atoms.max;
        this.overlap = atoms.overlap;
        this.starts = atoms.starts;
        this.ends = atoms.ends;
        this.tokens = atoms.tokens;
        this.gaps = atoms.gaps;
        this.strengths = atoms.strengths;
        this.pathOf = atoms.pathOf;
        this.groupEnd = atoms.groupEnd;
        this.paths = atoms.paths;
    }

    List<Chunk> pack() {
        int n = starts.size();
        long[] prefix = new long[n + 1];
        for (int k = 0; k < n; k++) {
            prefix[k + 1] = prefix[k] + gaps.get(k) + tokens.get(k);
        }
        // the first atom of the section each atom is in, counting from the next section's heading; n for the last
        int[] sectionEnd = new int[n + 1];
        sectionEnd[n] = n;
        for (int k = n - 1; k >= 0; k--) {
            sectionEnd[k] = k > 0 && strengths.get(k) >= SECTION ? k : sectionEnd[k + 1];
        }
        long minTail = (max + 3) / 4;
        List<Chunk> chunks = new ArrayList<>();
        MessageDigest sha256 = sha256();
        int previousStart = -1;
        int previousEnd = -1;
        int i = 0;
        while (i < n) {
            int chunkStart = starts.get(i);
            long base = 0;
            if (overlap > 0 && previousEnd >= 0) {
                // room for the overlap in front of the next atom, or of the rest of its paragraph if it was cut
                long room = Math.min(overlap, max - (prefix[groupEnd.get(i) + 1] - prefix[i]));
                int[] repeated = room > 0 ? overlapStart(previousStart, previousEnd, room) : null;
                if (repeated != null) {
                    chunkStart = repeated[0];
                    base = repeated[1] + (long) gaps.get(i);
                }
            }
            int best = -1;
            int bestStrength = Integer.MIN_VALUE;
            int fallback = i;
            int fallbackRank = Integer.MIN_VALUE;
            for (int e = i; e < n; e++) {
                long fill = base + prefix[e + 1] - prefix[i] - gaps.get(i);
                if (fill > max && e > i) {
                    break;
                }
                int strength = e == n - 1 ? END : strengths.get(e + 1);
                // a cut inside a section should not leave a scrap of it to open the next chunk
                boolean tailOk =
                        strength >= SECTION || prefix[sectionEnd[e + 1]] - prefix[e + 1] - gaps.get(e + 1) >= minTail;
                int rank = (tailOk ? 1000 : 0) + strength;
                if (rank >= fallbackRank) {
                    fallback = e;
                    fallbackRank = rank;
                }
                if (tailOk && fill >= threshold(strength) && strength >= bestStrength) {
                    best = e;
                    bestStrength = strength;
                }
            }
            int last = best >= 0 ? best : fallback;
            String chunkText = text.substring(chunkStart, ends.get(last));
            // the sum of the atoms' estimates bounds the estimate of their text; checked all the same
            while (TokenEstimator.estimate(chunkText) > max) {
                if (last > i) {
                    last--;
                } else if (chunkStart != starts.get(i)) {
                    chunkStart = starts.get(i);
                } else {
                    throw new IllegalStateException(
                            "cannot fit " + source + " at offset " + chunkStart + " into " + max + " tokens");
                }
                chunkText = text.substring(chunkStart, ends.get(last));
            }
            String hash = HexFormat.of().formatHex(sha256.digest(chunkText.getBytes(StandardCharsets.UTF_8)));
            chunks.add(
                    new Chunk(source, chunks.size(), chunkStart, ends.get(last), hash, chunkText, headings(i, last)));
            previousStart = chunkStart;
            previousEnd = ends.get(last);
            i = last + 1;
        }
        return chunks;
    }

    /**
     * The fill a chunk needs before it may end at a boundary of this strength: the weaker the boundary, the fuller
     * the chunk must be.
     */
    private long threshold(int strength) {
        if (strength == END || strength == CHARACTER) {
            return 0;
        }
        if (strength < 0) {
            return Long.MAX_VALUE; // after a heading, or an inner cut
        }
        if (strength >= SECTION) {
            return (max + 3) / 4;
        }
        return strength >= SENTENCE ? (max + 2) / 3 : (max + 1) / 2;
    }

    /**
     * Where the overlap of the next chunk starts: the most whole words at the end of {@code [chunkStart, chunkEnd)}
     * whose estimates add up to at most {@code room}, never the whole previous chunk; null if not even one word fits.
     *
     * @return the start offset and the estimated tokens
     */
    private int[] overlapStart(int chunkStart, int chunkEnd, long room) {
        int start = -1;
        long sum = 0;
        int cursor = chunkEnd;
        while (cursor > chunkStart) {
            int wordStart = cursor;
            while (wordStart > chunkStart && !TokenEstimator.isSpace(text.codePointBefore(wordStart))) {
                wordStart -= Character.charCount(text.codePointBefore(wordStart));
            }
            if (wordStart == chunkStart) {
                break;
            }
            long cost = sum
                    + TokenEstimator.estimate(text, wordStart, cursor)
                    + (start >= 0 ? TokenEstimator.estimate(text, cursor, start) : 0);
            if (cost > room) {
                break;
            }
            sum = cost;
            start = wordStart;
            cursor = wordStart;
            while (cursor > chunkStart && TokenEstimator.isSpace(text.codePointBefore(cursor))) {
                cursor -= Character.charCount(text.codePointBefore(cursor));
            }
        }
        return start < 0 ? null : new int[] {start, (int) sum};
    }

    /** The heading path shared by the chunk's content; a chunk of headings only sits under its last heading. */
    private List<String> headings(int first, int last) {
        List<String> common = null;
        int seen = Integer.MIN_VALUE;
        for (int k = first; k <= last; k++) {
            int path = pathOf.get(k);
            if (path >= 0 && path != seen) {
                seen = path;
                common = common == null ? paths.get(path) : commonPrefix(common, paths.get(path));
            }
        }
        if (common == null) {
            int path = pathOf.get(last);
            common = paths.get(path >= 0 ? path : ~path);
        }
        return common;
    }

    private static List<String> commonPrefix(List<String> a, List<String> b) {
        int k = 0;
        while (k < a.size() && k < b.size() && a.get(k).equals(b.get(k))) {
            k++;
        }
        return k == a.size() ? a : a.subList(0, k);
    }
}
