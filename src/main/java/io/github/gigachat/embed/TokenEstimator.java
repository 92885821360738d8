package io.github.gigachat.embed;

/**
 * A conservative estimate of how many GigaChat tokens a text costs: meant to be at or above what {@code POST
 * /tokens/count} reports, for Russian as well as English, so that a chunk estimated under a limit really is under it.
 *
 * <p>The estimate looks at runs of characters of one kind, the way a BPE tokenizer sees words:
 *
 * <ul>
 *   <li>a run of letters costs {@code ceil(latin / 3.5) + ceil(cyrillic / 2.5) + other}: English averages about 4
 *       characters per token and Russian 2.5 to 3 in GigaChat's vocabulary; rounding up per word charges every short
 *       word a full token. Letters of other scripts and combining marks cost one token each (two beyond the Basic
 *       Multilingual Plane);
 *   <li>a run of digits costs {@code ceil(digits / 2)};
 *   <li>every other character (punctuation, symbols) costs one token if it is ASCII or common punctuation ({@code «»},
 *       dashes, quotes, {@code …}), two if it is another character of the Basic Multilingual Plane (arrows, box
 *       drawing, mathematical signs, which often fall back to bytes), and four beyond it (emoji: four UTF-8 bytes);
 *   <li>a run of whitespace costs one token per line break plus {@code ceil((spaces - 1) / 4)}: a single space joins
 *       the next word's token, indentation does not.
 * </ul>
 *
 * <p>Against the API, {@code "First text"} is estimated at 4 tokens where {@code /tokens/count} says 2. Rounding up
 * per word and counting every symbol makes the estimate err on the high side: a chunk should never turn out larger
 * than estimated, at the price of chunks somewhat smaller than the limit. For any text that is not only whitespace it
 * is also at or above the emulator's count (a quarter of the code points).
 *
 * <p>The estimate is subadditive: cutting a text between two characters of a word, or next to a whole run of
 * whitespace, never makes the parts cost less than the whole. The chunker relies on that to add up the estimates of
 * pieces instead of estimating every candidate chunk again.
 */
public final class TokenEstimator {
    /**
     * Tokens billed for every embedded text on top of what {@code /tokens/count} reports for it: a recorded response
     * billed {@code "First text"} as 7 {@code prompt_tokens} where {@code /tokens/count} said 2. Budgets and cost
     * estimates add it once per chunk sent.
     */
    public static final int BILLING_OVERHEAD_PER_TEXT = 5;

    private TokenEstimator() {}

    /** The estimated tokens of {@code text}; 0 for an empty text. */
    public static int estimate(CharSequence text) {
        return estimate(text, 0, text.length());
    }

    /** The estimated tokens of {@code text.subSequence(start, end)}, without copying it. */
    static int estimate(CharSequence text, int start, int end) {
        return estimate(text, start, end, Integer.MAX_VALUE);
    }

    /**
     * As {@link #estimate(CharSequence, int, int)}, but stops counting once the estimate is above {@code cap}: then
     * some value above {@code cap} is returned. Exact up to the cap, because the estimate never falls as text is added.
     */
    static int estimate(CharSequence text, int start, int end, int cap) {
        Counter counter = new Counter();
        int steps = 0;
        for (int i = start; i < end; ) {
            int cp = Character.codePointAt(text, i);
            counter.add(cp);
            i += Character.charCount(cp);
            if ((++steps & 63) == 0 && counter.tokens() > cap) {
                break;
            }
        }
        return counter.tokens();
    }

    /** Whitespace as the estimator and the chunker see it: Java whitespace and Unicode space separators (no-break). */
    static boolean isSpace(int codePoint) {
        if (codePoint > ' ' && codePoint < 0xA0) {
            return false;
        }
        if (codePoint < 0x1680) { // the common case, without the JDK's table lookups
            return codePoint == ' '
                    || (codePoint >= 0x09 && codePoint <= 0x0D)
                    || (codePoint >= 0x1C && codePoint <= 0x1F)
                    || codePoint == 0xA0;
        }
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /** Estimates a text fed one code point at a time; {@link #tokens()} is valid after every step. */
    static final class Counter {
        private static final int NONE = 0;
        private static final int LETTERS = 1;
        private static final int DIGITS = 2;
        private static final int SPACES = 3;

        private long done;
        private int kind = NONE;
        private int latin;
        private int cyrillic;
        private int other;
        private int digits;
        private int horizontal;
        private int lineBreaks;
        private boolean afterCarriageReturn;

        void add(int cp) {
            if (isSpace(cp)) {
                switchTo(SPACES);
                if (cp == '\n') {
                    if (!afterCarriageReturn) {
                        lineBreaks++;
                    }
                } else if (cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x2028 || cp == 0x2029) {
                    lineBreaks++;
                } else {
                    horizontal++;
                }
                afterCarriageReturn = cp == '\r';
                return;
            }
            afterCarriageReturn = false;
            switch (classify(cp)) {
                case LATIN -> {
                    switchTo(LETTERS);
                    latin++;
                }
                case CYRILLIC -> {
                    switchTo(LETTERS);
                    cyrillic++;
                }
                case OTHER_LETTER -> {
                    switchTo(LETTERS);
                    other += Character.isBmpCodePoint(cp) ? 1 : 2;
                }
                case DIGIT -> {
                    switchTo(DIGITS);
                    digits++;
                }
                default -> {
                    switchTo(NONE);
                    done += symbolCost(cp);
                }
            }
        }

        static final int LATIN = 1;
        static final int CYRILLIC = 2;
        static final int OTHER_LETTER = 3;
        static final int DIGIT = 4;
        static final int SYMBOL = 5;

        /** The class of a code point that is not whitespace; fast for ASCII, Latin-1 and the Cyrillic block. */
        static int classify(int cp) {
            if (cp < 0x80) {
                if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
                    return LATIN;
                }
                return cp >= '0' && cp <= '9' ? DIGIT : SYMBOL;
            }
            if (cp >= 0x400 && cp <= 0x45F) {
                return CYRILLIC; // Ѐ-џ, the Russian alphabet and its neighbours
            }
            return classifySlowly(cp);
        }

        /** The definition that {@link #classify} shortcuts. */
        static int classifySlowly(int cp) {
            if (Character.isLetter(cp) || isMark(cp)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.CYRILLIC) {
                    return CYRILLIC;
                }
                return script == Character.UnicodeScript.LATIN ? LATIN : OTHER_LETTER;
            }
            return Character.isDigit(cp) ? DIGIT : SYMBOL;
        }

        int tokens() {
            long total = done + open();
            return total > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) total;
        }

        private void switchTo(int next) {
            if (kind != next) {
                done += open();
                kind = next;
                latin = 0;
                cyrillic = 0;
                other = 0;
                digits = 0;
                horizontal = 0;
                lineBreaks = 0;
            }
        }

        private long open() {
            switch (kind) {
                case LETTERS:
                    // ceil(latin / 3.5) and ceil(cyrillic / 2.5) in integers
                    return (2L * latin + 6) / 7 + (2L * cyrillic + 4) / 5 + other;
                case DIGITS:
                    return (digits + 1L) / 2;
                case SPACES:
                    return lineBreaks + (horizontal > 1 ? (horizontal - 1 + 3L) / 4 : 0);
                default:
                    return 0;
            }
        }

        private static boolean isMark(int cp) {
            int type = Character.getType(cp);
            return type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
        }

        private static int symbolCost(int cp) {
            if (cp < 0x100 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x2116) {
                return 1; // Latin-1 punctuation, general punctuation (dashes, quotes, ellipsis), the numero sign
            }
            return Character.isBmpCodePoint(cp) ? 2 : 4;
        }
    }
}
