package io.github.gigachat.embed;

import static io.github.gigachat.io.Hashes.sha256;

import io.github.gigachat.embed.TextBlocks.Block;
import io.github.gigachat.embed.TextBlocks.Kind;
import io.github.gigachat.embed.TextBlocks.Syntax;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Splits a text file into chunks of at most {@link ChunkerSettings#maxChunkTokens()} estimated tokens, along the
 * structure of the text: sections first, then paragraphs, lines and sentences, words, and as a last resort characters.
 *
 * <p>The file is first cut into <em>atoms</em>: heading lines, paragraphs and fenced code blocks ({@code .md},
 * {@code .markdown}; {@code .adoc} headings and delimited blocks; paragraphs only for other files). An atom that is too
 * large on its own is cut further, and only then: a paragraph at its sentence ends and line breaks, a code block at its
 * line breaks, then either at spaces, and a single over-long word into pieces of characters. Every boundary between two
 * atoms has a strength, from a top-level heading down to a cut inside a word.
 *
 * <p>Atoms are then packed greedily. From its first atom a chunk extends as far as the limit allows; it ends at the
 * strongest boundary within that reach (the furthest one among equals), with conditions against small chunks: a
 * section boundary counts once the chunk holds a quarter of the limit, a paragraph, list item or sentence end once it
 * holds a third, a line break or a space once it holds half; and a cut inside a section should leave at least a quarter
 * of the limit of that section for the next chunk. So a section that fits stays whole, small neighbouring sections
 * share a chunk, and a large section is cut between paragraphs. A chunk does not end right after a heading if anything else will do: when
 * the paragraph after a heading is too large to join it whole, the heading takes the paragraph's first sentences.
 *
 * <p>With overlap, a chunk first repeats the last whole words of the previous chunk, up to {@code overlapTokens}
 * estimated tokens (less if the next atom would not fit otherwise), and packs fewer atoms to make room for them. Atoms
 * are then kept to {@code maxChunkTokens - overlapTokens} so that there is room.
 *
 * <p>A chunk's heading path is the one its own content shares (the repeated overlap does not count); a chunk that
 * spans sections sits under their common parent. Chunks start and end with a non-whitespace character;
 * {@code file.text().substring(start, end)} is a chunk's text.
 * The work is linear in the size of the file. Instances are immutable and may be shared between threads.
 */
public final class MarkdownChunker {
    /** Between a heading and what it heads: never chosen while anything else will do. */
    static final int AFTER_HEADING = -20;
    /**
     * Subtracted from the strength of a cut inside a paragraph that fits whole, cut only so that a heading need not be
     * left alone: such cuts are chosen only when nothing else will do, and then sentence ends before line breaks.
     */
    static final int INNER = 10;

    static final int CHARACTER = 0;
    static final int WORD = 1;
    static final int LINE = 2;
    static final int SENTENCE = 3;
    static final int ITEM = 4;
    static final int PARAGRAPH = 5;
    /** End of the file: always the best place to end a chunk. */
    static final int END = 100;

    private static final int NO_CUT = -2;

    private final ChunkerSettings settings;

    public MarkdownChunker(ChunkerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The chunks of {@code file}, indexed from 0 in file order; none for a file of only whitespace. */
    public List<Chunk> split(TextFile file) {
        Splitter splitter = new Splitter(file, settings);
        splitter.cutIntoAtoms(TextBlocks.parse(file.text(), Syntax.of(file.relativePath())));
        return splitter.pack();
    }

    static int headingStrength(int level) {
        return PARAGRAPH + 7 - level; // level 1 is 11, level 6 is 6: all above a paragraph
    }

    private static final int SECTION = headingStrength(6);

    /** The state of splitting one file. */
    private static final class Splitter {
        private final String text;
        private final String source;
        private final int max;
        private final int overlap;
        /** The largest atom: room is left for a full overlap in front of any atom. */
        private final int limit;

        private final IntList starts = new IntList();
        private final IntList ends = new IntList();
        private final IntList tokens = new IntList();
        /** Tokens of the whitespace between an atom and the one before it. */
        private final IntList gaps = new IntList();
        /** Strength of the boundary before an atom. */
        private final IntList strengths = new IntList();
        /** Index into {@link #paths}; negative ({@code ~index}) for a heading atom. */
        private final IntList pathOf = new IntList();
        /** The last atom of the paragraph an atom was cut from at inner boundaries; else the atom itself. */
        private final IntList groupEnd = new IntList();

        private final List<List<String>> paths = new ArrayList<>();
        private int currentPath;
        private int currentHeadingLevel;
        private int lastHeadingLevel;

        Splitter(TextFile file, ChunkerSettings settings) {
            this.text = file.text();
            this.source = file.relativePath();
            this.max = settings.maxChunkTokens();
            this.overlap = settings.overlapTokens();
            this.limit = Math.max(1, max - overlap);
            paths.add(List.of());
        }

        void cutIntoAtoms(List<Block> blocks) {
            int[] levels = new int[7];
            String[] titles = new String[7];
            int depth = 0;
            for (Block block : blocks) {
                if (block.kind() == Kind.HEADING) {
                    while (depth > 0 && levels[depth - 1] >= block.level()) {
                        depth--;
                    }
                    levels[depth] = block.level();
                    titles[depth] = block.title();
                    depth++;
                    paths.add(List.of(Arrays.copyOf(titles, depth)));
                    currentPath = paths.size() - 1;
                    currentHeadingLevel = block.level();
                    piece(block.start(), block.end(), headingStrength(block.level()), Mode.WORDS);
                } else {
                    currentHeadingLevel = 0;
                    piece(block.start(), block.end(), PARAGRAPH, block.kind() == Kind.CODE ? Mode.LINES : Mode.PROSE);
                }
            }
        }

        /** How an atom that is too large is cut next. */
        private enum Mode {
            PROSE,
            LINES,
            WORDS,
            CHARACTERS
        }

        /** Adds {@code [start, end)} as one atom, or cut by {@code mode} if it is too large. */
        private void piece(int start, int end, int strength, Mode mode) {
            while (start < end && TokenEstimator.isSpace(text.codePointAt(start))) {
                start += Character.charCount(text.codePointAt(start));
            }
            while (end > start && TokenEstimator.isSpace(text.codePointBefore(end))) {
                end -= Character.charCount(text.codePointBefore(end));
            }
            if (start == end) {
                return;
            }
            int estimate = TokenEstimator.estimate(text, start, end, limit);
            if (estimate > limit) {
                switch (mode) {
                    case PROSE -> cutAtSpaces(start, end, strength, Mode.PROSE, Mode.WORDS, false);
                    case LINES -> cutAtSpaces(start, end, strength, Mode.LINES, Mode.WORDS, false);
                    case WORDS -> cutWords(start, end, strength);
                    default -> cutCharacters(start, end, strength);
                }
            } else if (mode == Mode.PROSE && lastHeadingLevel > 0 && currentHeadingLevel == 0) {
                // right after a heading: the paragraph stays whole if it can, but may lend the heading its first
                // sentences rather than leave it alone in a chunk
                int first = starts.size();
                cutAtSpaces(start, end, strength, Mode.PROSE, null, true);
                for (int k = first; k < starts.size(); k++) {
                    groupEnd.set(k, starts.size() - 1);
                }
            } else {
                atom(start, end, estimate, strength);
            }
        }

        /**
         * Cuts at the whitespace runs that {@code rule} accepts; the parts go on with {@code next}, or become atoms as
         * they are if it is null. Inner cuts are weakened by {@link #INNER}.
         */
        private void cutAtSpaces(int start, int end, int strength, Mode rule, Mode next, boolean inner) {
            int partStart = start;
            int partStrength = strength;
            int i = start;
            while (i < end) {
                int cp = text.codePointAt(i);
                if (!TokenEstimator.isSpace(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
                int spaceStart = i;
                boolean lineBreak = false;
                while (i < end && TokenEstimator.isSpace(cp = text.codePointAt(i))) {
                    lineBreak |= cp == '\n' || cp == '\r';
                    i += Character.charCount(cp);
                }
                int cut = cutStrength(rule, partStart, spaceStart, i, lineBreak);
                if (cut != NO_CUT) {
                    part(partStart, spaceStart, partStrength, next);
                    partStart = i;
                    partStrength = inner ? cut - INNER : cut;
                }
            }
            part(partStart, end, partStrength, next);
        }

        private void part(int start, int end, int strength, Mode next) {
            if (next == null) {
                atom(start, end, TokenEstimator.estimate(text, start, end), strength);
            } else {
                piece(start, end, strength, next);
            }
        }

        private int cutStrength(Mode rule, int partStart, int spaceStart, int spaceEnd, boolean lineBreak) {
            switch (rule) {
                case WORDS:
                    return WORD;
                case LINES:
                    return lineBreak ? LINE : NO_CUT;
                default:
                    int strength = NO_CUT;
                    if (lineBreak) {
                        strength = startsItem(spaceEnd) ? ITEM : LINE;
                    }
                    if (endsSentence(partStart, spaceStart)) {
                        strength = Math.max(strength, SENTENCE);
                    }
                    return strength;
            }
        }

        /** Whether the text before {@code end} ends a sentence: {@code . ! ? …}, perhaps followed by closing marks. */
        private boolean endsSentence(int start, int end) {
            int i = end;
            while (i > start && "\"')]}»”’*_`".indexOf(text.charAt(i - 1)) >= 0) {
                i--;
            }
            return i > start && ".!?…。！？".indexOf(text.charAt(i - 1)) >= 0;
        }

        /** Whether a line starting at {@code i} is a list item, table row or quote, so a boundary worth keeping. */
        private boolean startsItem(int i) {
            char c = text.charAt(i);
            if (c == '|' || c == '>') {
                return true;
            }
            boolean next = i + 1 < text.length() && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t');
            if ((c == '-' || c == '*' || c == '+' || c == '•') && next) {
                return true;
            }
            int j = i;
            while (j < text.length() && j - i < 9 && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                j++;
            }
            return j > i
                    && j + 1 < text.length()
                    && (text.charAt(j) == '.' || text.charAt(j) == ')')
                    && text.charAt(j + 1) == ' ';
        }

        /**
         * Cuts text without better boundaries between words, into runs of words of about an eighth of the limit: fine
         * enough to fill chunks, without an atom for every word. A run's estimate is the sum of its words' and spaces'.
         */
        private void cutWords(int start, int end, int strength) {
            long target = Math.max(1, limit / 8);
            int runStart = -1;
            int runEnd = -1;
            long runTokens = 0;
            int i = start;
            while (i < end) {
                int spaceStart = i;
                while (i < end && TokenEstimator.isSpace(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                int wordStart = i;
                while (i < end && !TokenEstimator.isSpace(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                if (wordStart == i) {
                    break; // trailing whitespace
                }
                int word = TokenEstimator.estimate(text, wordStart, i, limit);
                if (word > limit) {
                    if (runStart >= 0) {
                        atom(runStart, runEnd, (int) runTokens, strength);
                        strength = WORD;
                        runStart = -1;
                        runTokens = 0;
                    }
                    cutCharacters(wordStart, i, strength);
                    strength = WORD;
                    continue;
                }
                long gap = runStart >= 0 ? TokenEstimator.estimate(text, spaceStart, wordStart) : 0;
                if (runStart >= 0 && runTokens + gap + word > target) {
                    atom(runStart, runEnd, (int) runTokens, strength);
                    strength = WORD;
                    runStart = -1;
                    runTokens = 0;
                    gap = 0;
                }
                if (runStart < 0) {
                    runStart = wordStart;
                }
                runEnd = i;
                runTokens += gap + word;
            }
            if (runStart >= 0) {
                atom(runStart, runEnd, (int) runTokens, strength);
            }
        }

        /** Cuts one over-long word into pieces of about a quarter of the limit, so that they pack well. */
        private void cutCharacters(int start, int end, int strength) {
            int target = Math.max(1, limit / 4);
            TokenEstimator.Counter counter = new TokenEstimator.Counter();
            int pieceStart = start;
            int pieceTokens = 0;
            for (int i = start; i < end; ) {
                int cp = text.codePointAt(i);
                counter.add(cp);
                int estimate = counter.tokens();
                if (estimate > target && i > pieceStart) {
                    atom(pieceStart, i, pieceTokens, strength);
                    strength = CHARACTER;
                    pieceStart = i;
                    counter = new TokenEstimator.Counter();
                    counter.add(cp);
                    estimate = counter.tokens();
                }
                pieceTokens = estimate;
                i += Character.charCount(cp);
            }
            atom(pieceStart, end, pieceTokens, strength);
        }

        private void atom(int start, int end, int estimate, int strength) {
            int n = starts.size();
            int gap = 0;
            if (n > 0) {
                gap = TokenEstimator.estimate(text, ends.get(n - 1), start);
                if (lastHeadingLevel > 0 && (currentHeadingLevel == 0 || currentHeadingLevel > lastHeadingLevel)) {
                    strength = AFTER_HEADING; // keep a heading with what it heads
                }
            }
            starts.add(start);
            ends.add(end);
            tokens.add(estimate);
            gaps.add(gap);
            strengths.add(strength);
            pathOf.add(currentHeadingLevel > 0 ? ~currentPath : currentPath);
            groupEnd.add(n);
            lastHeadingLevel = currentHeadingLevel;
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
                    boolean tailOk = strength >= SECTION
                            || prefix[sectionEnd[e + 1]] - prefix[e + 1] - gaps.get(e + 1) >= minTail;
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
                chunks.add(new Chunk(
                        source, chunks.size(), chunkStart, ends.get(last), hash, chunkText, headings(i, last)));
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

    /** A growable array of ints: atoms are many, and boxing them would cost more than the text. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int index) {
            return values[index];
        }

        void set(int index, int value) {
            values[index] = value;
        }

        int size() {
            return size;
        }
    }
}
