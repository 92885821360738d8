package io.github.gigachat.embed;

/** Markdown ({@code .md}, {@code .markdown}): ATX headings {@code #} to {@code ######}, fenced code blocks. */
final class MarkdownBlocks extends TextBlocks {
    static final MarkdownBlocks INSTANCE = new MarkdownBlocks();

    private MarkdownBlocks() {}

    @Override
    String opensFence(String text, int start, int end) {
        return opensBacktickFence(text, start, end);
    }

    @Override
    boolean closes(String fence, String text, int start, int end) {
        return closesBacktickFence(fence, text, start, end);
    }

    /** {@code #} to {@code ######} after at most three spaces, then a blank or the end of the line. */
    @Override
    int headingLevel(String text, int start, int end) {
        int i = start;
        while (i < end && i - start < 3 && text.charAt(i) == ' ') {
            i++;
        }
        int run = countRun(text, i, end, '#');
        if (run < 1 || run > 6) {
            return 0;
        }
        int after = i + run;
        if (after == end) {
            return run; // an empty heading
        }
        char c = text.charAt(after);
        return c == ' ' || c == '\t' ? run : 0;
    }

    @Override
    String title(String text, int start, int end) {
        return titleAfter('#', text, start, end);
    }
}
