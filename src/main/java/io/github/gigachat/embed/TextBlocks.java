package io.github.gigachat.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a text into its top-level blocks (headings, paragraphs, verbatim code blocks) by the lightweight syntax of its
 * file name, so that the chunker never takes a {@code #} line inside a code block for a heading.
 */
final class TextBlocks {
    /** The markup a file is read with. */
    enum Syntax {
        MARKDOWN,
        ASCIIDOC,
        PLAIN;

        static Syntax of(String relativePath) {
            String name = relativePath.toLowerCase(Locale.ROOT);
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                return MARKDOWN;
            }
            if (name.endsWith(".adoc") || name.endsWith(".asciidoc") || name.endsWith(".asc")) {
                return ASCIIDOC;
            }
            return PLAIN;
        }
    }

    enum Kind {
        HEADING,
        PARAGRAPH,
        CODE
    }

    /**
     * One block; {@code [start, end)} has no surrounding whitespace.
     *
     * @param level 1 to 6 for a heading, 0 otherwise
     * @param title a heading's text without its markup
     */
    record Block(Kind kind, int start, int end, int level, String title) {}

    private final String text;
    private final Syntax syntax;
    private final List<Block> blocks = new ArrayList<>();
    private int paragraphStart = -1;
    private int paragraphEnd;

    private TextBlocks(String text, Syntax syntax) {
        this.text = text;
        this.syntax = syntax;
    }

    static List<Block> parse(String text, Syntax syntax) {
        TextBlocks parser = new TextBlocks(text, syntax);
        parser.run();
        return parser.blocks;
    }

    private void run() {
        int length = text.length();
        String fence = null; // the opening fence of the verbatim block we are in
        int codeStart = 0;
        int lineStart = 0;
        while (lineStart < length) {
            int lineEnd = lineStart;
            while (lineEnd < length && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            int next;
            if (lineEnd == length) {
                next = length;
            } else if (text.charAt(lineEnd) == '\r' && lineEnd + 1 < length && text.charAt(lineEnd + 1) == '\n') {
                next = lineEnd + 2;
            } else {
                next = lineEnd + 1;
            }
            if (fence != null) {
                if (closes(fence, lineStart, lineEnd)) {
                    add(Kind.CODE, codeStart, lineEnd, 0, null);
                    fence = null;
                }
            } else {
                String opening = syntax == Syntax.PLAIN ? null : opensFence(lineStart, lineEnd);
                int level = syntax == Syntax.PLAIN ? 0 : headingLevel(lineStart, lineEnd);
                if (opening != null) {
                    flushParagraph();
                    fence = opening;
                    codeStart = lineStart;
                } else if (level > 0) {
                    flushParagraph();
                    add(Kind.HEADING, lineStart, lineEnd, level, title(lineStart, lineEnd));
                } else if (isBlank(lineStart, lineEnd)) {
                    flushParagraph();
                } else {
                    if (paragraphStart < 0) {
                        paragraphStart = lineStart;
                    }
                    paragraphEnd = lineEnd;
                }
            }
            lineStart = next;
        }
        if (fence != null) {
            add(Kind.CODE, codeStart, length, 0, null); // an unclosed fence runs to the end, as in CommonMark
        }
        flushParagraph();
    }

    private void flushParagraph() {
        if (paragraphStart >= 0) {
            add(Kind.PARAGRAPH, paragraphStart, paragraphEnd, 0, null);
            paragraphStart = -1;
        }
    }

    private void add(Kind kind, int start, int end, int level, String title) {
        while (start < end && TokenEstimator.isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && TokenEstimator.isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            blocks.add(new Block(kind, start, end, level, title));
        }
    }

    /** The fence a line opens (its run of backticks, tildes, or for AsciiDoc its delimiter line), else null. */
    private String opensFence(int start, int end) {
        int i = skipSpaces(start, end);
        if (i == end) {
            return null;
        }
        char c = text.charAt(i);
        if (c == '`' || c == '~') {
            int run = countRun(i, end, c);
            // a backtick fence's info string has no backtick (else it is inline code)
            if (run >= 3 && (c == '~' || !contains(i + run, end, '`'))) {
                return String.valueOf(c).repeat(run);
            }
            return null;
        }
        if (syntax == Syntax.ASCIIDOC && i == start && (c == '-' || c == '.' || c == '+' || c == '/')) {
            int run = countRun(i, end, c);
            if (run >= 4 && skipSpaces(i + run, end) == end) {
                return String.valueOf(c).repeat(run);
            }
        }
        return null;
    }

    private boolean closes(String fence, int start, int end) {
        int i = skipSpaces(start, end);
        char c = fence.charAt(0);
        int run = countRun(i, end, c);
        if (run == 0 || skipSpaces(i + run, end) != end) {
            return false;
        }
        boolean markdownFence = c == '`' || c == '~';
        return markdownFence ? run >= fence.length() : run == fence.length() && i == start;
    }

    /** The level of a heading line ({@code #} to {@code ######}, or {@code =} to {@code ======} in AsciiDoc), else 0. */
    private int headingLevel(int start, int end) {
        int i;
        char marker;
        if (syntax == Syntax.MARKDOWN) {
            i = start;
            while (i < end && i - start < 3 && text.charAt(i) == ' ') {
                i++;
            }
            marker = '#';
        } else {
            i = start;
            marker = '=';
        }
        int run = countRun(i, end, marker);
        if (run < 1 || run > 6) {
            return 0;
        }
        int after = i + run;
        if (after == end) {
            return syntax == Syntax.MARKDOWN ? run : 0;
        }
        char c = text.charAt(after);
        return c == ' ' || c == '\t' ? run : 0;
    }

    private String title(int start, int end) {
        char marker = syntax == Syntax.MARKDOWN ? '#' : '=';
        int i = skipSpaces(start, end);
        i += countRun(i, end, marker);
        int j = end;
        while (j > i && TokenEstimator.isSpace(text.charAt(j - 1))) {
            j--;
        }
        int closing = j;
        while (closing > i && text.charAt(closing - 1) == marker) {
            closing--;
        }
        if (closing < j && (closing == i || TokenEstimator.isSpace(text.charAt(closing - 1)))) {
            j = closing; // a closing sequence: "## Title ##"
        }
        return text.substring(i, j).strip();
    }

    private int skipSpaces(int i, int end) {
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private int countRun(int i, int end, char c) {
        int run = 0;
        while (i + run < end && text.charAt(i + run) == c) {
            run++;
        }
        return run;
    }

    private boolean contains(int start, int end, char c) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    private boolean isBlank(int start, int end) {
        for (int i = start; i < end; i++) {
            if (!TokenEstimator.isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
