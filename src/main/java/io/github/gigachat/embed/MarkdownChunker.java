package io.github.gigachat.embed;

import io.github.gigachat.embed.TextBlocks.Block;
import io.github.gigachat.embed.TextBlocks.Kind;
import io.github.gigachat.embed.TextBlocks.Syntax;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * strongest boundary within that reach (the furthest one among equals), with one condition against tiny chunks: a
 * section boundary counts only once the chunk holds a quarter of the limit, a paragraph, line, sentence or word
 * boundary only once it holds half. So a section that fits stays whole, small neighbouring sections share a chunk, and
 * a large section is cut between paragraphs. A chunk never ends right after a heading when the heading's content can
 * follow it.
 *
 * <p>With overlap, a chunk first repeats the last whole words of the previous chunk, up to {@code overlapTokens}
 * estimated tokens (less if the next atom would not fit otherwise), and packs fewer atoms to make room for them. Atoms
 * are then kept to {@code maxChunkTokens - overlapTokens} so that there is always room.
 *
 * <p>Chunks start and end with a non-whitespace character; {@code file.text().substring(start, end)} is a chunk's text.
 * The work is linear in the size of the file. Instances are immutable and may be shared between threads.
 */
public final class MarkdownChunker {
    static final int AFTER_HEADING = -1;
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
            int estimate = TokenEstimator.estimate(text, start, end);
            if (estimate <= limit) {
                atom(start, end, estimate, strength);
                return;
            }
            switch (mode) {
                case PROSE -> cutAtSpaces(start, end, strength, Mode.PROSE, Mode.WORDS);
                case LINES -> cutAtSpaces(start, end, strength, Mode.LINES, Mode.WORDS);
                case WORDS -> cutAtSpaces(start, end, strength, Mode.WORDS, Mode.CHARACTERS);
                default -> cutCharacters(start, end, strength);
            }
        }

        /** Cuts at the whitespace runs that {@code rule} accepts; the parts go on with {@code next}. */
        private void cutAtSpaces(int start, int end, int strength, Mode rule, Mode next) {
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
                    piece(partStart, spaceStart, partStrength, next);
                    partStart = i;
                    partStrength = cut;
                }
            }
            piece(partStart, end, partStrength, next);
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
            lastHeadingLevel = currentHeadingLevel;
        }

        List<Chunk> pack() {
            int n = starts.size();
            long[] prefix = new long[n + 1];
            for (int k = 0; k < n; k++) {
                prefix[k + 1] = prefix[k] + gaps.get(k) + tokens.get(k);
            }
            List<Chunk> chunks = new ArrayList<>();
            MessageDigest sha256 = sha256();
            int previousStart = -1;
            int previousEnd = -1;
            int i = 0;
            while (i < n) {
                int chunkStart = starts.get(i);
                long base = 0;
                if (overlap > 0 && previousEnd >= 0) {
                    long room = Math.min(overlap, (long) max - gaps.get(i) - tokens.get(i));
                    int[] repeated = room > 0 ? overlapStart(previousStart, previousEnd, room) : null;
                    if (repeated != null) {
                        chunkStart = repeated[0];
                        base = repeated[1] + (long) gaps.get(i);
                    }
                }
                int best = -1;
                int bestStrength = Integer.MIN_VALUE;
                int fallback = i;
                int fallbackStrength = Integer.MIN_VALUE;
                for (int e = i; e < n; e++) {
                    long fill = base + prefix[e + 1] - prefix[i] - gaps.get(i);
                    if (fill > max && e > i) {
                        break;
                    }
                    int strength = e == n - 1 ? END : strengths.get(e + 1);
                    if (strength >= fallbackStrength) {
                        fallback = e;
                        fallbackStrength = strength;
                    }
                    if (fill >= threshold(strength) && strength >= bestStrength) {
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

        /** The fill a chunk needs before it may end at a boundary of this strength. */
        private long threshold(int strength) {
            if (strength == END || strength == CHARACTER) {
                return 0;
            }
            if (strength == AFTER_HEADING) {
                return Long.MAX_VALUE;
            }
            return strength > PARAGRAPH ? (max + 3) / 4 : (max + 1) / 2;
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

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
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

        int size() {
            return size;
        }
    }
}
