package io.github.gigachat.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a text into its top-level blocks (headings, paragraphs, verbatim blocks) by the lightweight markup of its file,
 * so that the chunker never takes a heading-like line inside a code block for a heading. The line loop is shared; each
 * markup says what opens and closes a verbatim block and what a heading looks like: {@link MarkdownBlocks},
 * {@link AsciiDocBlocks}, {@link PlainTextBlocks}.
 */
abstract class TextBlocks {
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

    /** The parser of a file's markup, by its name: Markdown, AsciiDoc, or plain text for anything else. */
    static TextBlocks forFile(String relativePath) {
        String name = relativePath.toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return MarkdownBlocks.INSTANCE;
        }
        if (name.endsWith(".adoc") || name.endsWith(".asciidoc") || name.endsWith(".asc")) {
            return AsciiDocBlocks.INSTANCE;
        }
        return PlainTextBlocks.INSTANCE;
    }

    /** The blocks of {@code text}, in order. */
    final List<Block> parse(String text) {
        Lines lines = new Lines(text);
        lines.run();
        return lines.blocks;
    }

    /** The fence that the line {@code [start, end)} opens (its delimiter), or null if it opens none. */
    abstract String opensFence(String text, int start, int end);

    /** Whether the line {@code [start, end)} closes a verbatim block opened by {@code fence}. */
    abstract boolean closes(String fence, String text, int start, int end);

    /** The level (1 to 6) of a heading line, or 0 if the line is no heading. */
    abstract int headingLevel(String text, int start, int end);

    /** A heading line's text without its markup. */
    abstract String title(String text, int start, int end);

    /** The line loop over one text: collects blocks as it goes. */
    private final class Lines {
        private final String text;
        private final List<Block> blocks = new ArrayList<>();
        private int paragraphStart = -1;
        private int paragraphEnd;

        Lines(String text) {
            this.text = text;
        }

        void run() {
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
                    if (closes(fence, text, lineStart, lineEnd)) {
                        add(Kind.CODE, codeStart, lineEnd, 0, null);
                        fence = null;
                    }
                } else {
                    String opening = opensFence(text, lineStart, lineEnd);
                    int level = headingLevel(text, lineStart, lineEnd);
                    if (opening != null) {
                        flushParagraph();
                        fence = opening;
                        codeStart = lineStart;
                    } else if (level > 0) {
                        flushParagraph();
                        add(Kind.HEADING, lineStart, lineEnd, level, title(text, lineStart, lineEnd));
                    } else if (isBlank(text, lineStart, lineEnd)) {
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
    }

    /**
     * A Markdown fence ({@code ```} or {@code ~~~}, three or more) that the line opens after optional indentation;
     * AsciiDoc accepts the same fences.
     */
    static String opensBacktickFence(String text, int start, int end) {
        int i = skipSpaces(text, start, end);
        if (i == end) {
            return null;
        }
        char c = text.charAt(i);
        if (c == '`' || c == '~') {
            int run = countRun(text, i, end, c);
            // a backtick fence's info string has no backtick (else it is inline code)
            if (run >= 3 && (c == '~' || !contains(text, i + run, end, '`'))) {
                return String.valueOf(c).repeat(run);
            }
        }
        return null;
    }

    /** Whether the line closes a Markdown fence: a run of the fence's character at least as long, nothing after it. */
    static boolean closesBacktickFence(String fence, String text, int start, int end) {
        int i = skipSpaces(text, start, end);
        int run = countRun(text, i, end, fence.charAt(0));
        return run > 0 && skipSpaces(text, i + run, end) == end && run >= fence.length();
    }

    /** The text after a heading's run of {@code marker}s, without a closing run ({@code ## Title ##}) or blanks. */
    static String titleAfter(char marker, String text, int start, int end) {
        int i = skipSpaces(text, start, end);
        i += countRun(text, i, end, marker);
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

    static int skipSpaces(String text, int i, int end) {
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static int countRun(String text, int i, int end, char c) {
        int run = 0;
        while (i + run < end && text.charAt(i + run) == c) {
            run++;
        }
        return run;
    }

    private static boolean contains(String text, int start, int end, char c) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!TokenEstimator.isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
