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
 * than estimated, at the price of chunks somewhat smaller than the limit. It is also never below the emulator's count
 * (a quarter of the code points).
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
        Counter counter = new Counter();
        for (int i = start; i < end; ) {
            int cp = Character.codePointAt(text, i);
            counter.add(cp);
            i += Character.charCount(cp);
        }
        return counter.tokens();
    }

    /** Whitespace as the estimator and the chunker see it: Java whitespace and Unicode space separators (no-break). */
    static boolean isSpace(int codePoint) {
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
                } else if (cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
                    lineBreaks++;
                } else {
                    horizontal++;
                }
                afterCarriageReturn = cp == '\r';
                return;
            }
            afterCarriageReturn = false;
            if (cp < 0x80) {
                if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
                    switchTo(LETTERS);
                    latin++;
                } else if (cp >= '0' && cp <= '9') {
                    switchTo(DIGITS);
                    digits++;
                } else {
                    switchTo(NONE);
                    done += 1;
                }
            } else if (Character.isLetter(cp) || isMark(cp)) {
                switchTo(LETTERS);
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.CYRILLIC) {
                    cyrillic++;
                } else if (script == Character.UnicodeScript.LATIN) {
                    latin++;
                } else {
                    other += Character.isBmpCodePoint(cp) ? 1 : 2;
                }
            } else if (Character.isDigit(cp)) {
                switchTo(DIGITS);
                digits++;
            } else {
                switchTo(NONE);
                done += symbolCost(cp);
            }
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
