package io.github.gigachat.embed;

import io.github.gigachat.embed.TextBlocks.Block;
import io.github.gigachat.embed.TextBlocks.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first step of splitting one text: its blocks cut into <em>atoms</em> (heading lines, paragraphs, code blocks, and
 * where one is too large on its own, its sentences, lines, runs of words or pieces of a word), each with its estimated
 * tokens, the strength of the boundary before it and the heading path it sits under. {@link ChunkPacker} then packs
 * them into chunks. Shared by every markup; see {@link TextChunker} for the rules.
 */
final class Atoms {
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

    static int headingStrength(int level) {
        return PARAGRAPH + 7 - level; // level 1 is 11, level 6 is 6: all above a paragraph
    }

    /** The weakest section boundary (a level-6 heading). */
    static final int SECTION = headingStrength(6);

    private static final int NO_CUT = -2;

    final String text;
    final String source;
    final int max;
    final int overlap;
    /** The largest atom: room is left for a full overlap in front of any atom. */
    private final int limit;

    final IntList starts = new IntList();
    final IntList ends = new IntList();
    final IntList tokens = new IntList();
    /** Tokens of the whitespace between an atom and the one before it. */
    final IntList gaps = new IntList();
    /** Strength of the boundary before an atom. */
    final IntList strengths = new IntList();
    /** Index into {@link #paths}; negative ({@code ~index}) for a heading atom. */
    final IntList pathOf = new IntList();
    /** The last atom of the paragraph an atom was cut from at inner boundaries; else the atom itself. */
    final IntList groupEnd = new IntList();

    final List<List<String>> paths = new ArrayList<>();
    private int currentPath;
    private int currentHeadingLevel;
    private int lastHeadingLevel;

    /**
     * @param max the largest chunk, in estimated tokens
     * @param overlap estimated tokens a chunk repeats of the previous one
     */
    Atoms(String text, String source, int max, int overlap) {
        this.text = text;
        this.source = source;
        this.max = max;
        this.overlap = overlap;
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

    /** A growable array of ints: atoms are many, and boxing them would cost more than the text. */
    static final class IntList {
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
