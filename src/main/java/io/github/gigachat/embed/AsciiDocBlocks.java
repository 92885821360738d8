package io.github.gigachat.embed;

/**
 * AsciiDoc ({@code .adoc}, {@code .asciidoc}, {@code .asc}): section titles are lines starting with {@code =} to
 * {@code ======} and a blank ({@code =} the document title, {@code ==} a section, and so on; the level is the number
 * of {@code =}, so the title heads its sections). Verbatim blocks are delimited by lines of four or more {@code -},
 * {@code .}, {@code +} or {@code /} (listing, literal, passthrough, comment), closed by the same line, or by Markdown
 * fences, which Asciidoctor accepts too.
 */
final class AsciiDocBlocks extends TextBlocks {
    static final AsciiDocBlocks INSTANCE = new AsciiDocBlocks();

    private AsciiDocBlocks() {}

    @Override
    String opensFence(String text, int start, int end) {
        String fence = opensBacktickFence(text, start, end);
        if (fence != null || start == end) {
            return fence;
        }
        char c = text.charAt(start);
        if (c == '-' || c == '.' || c == '+' || c == '/') {
            int run = countRun(text, start, end, c);
            if (run >= 4 && skipSpaces(text, start + run, end) == end) {
                return String.valueOf(c).repeat(run);
            }
        }
        return null;
    }

    @Override
    boolean closes(String fence, String text, int start, int end) {
        char c = fence.charAt(0);
        if (c == '`' || c == '~') {
            return closesBacktickFence(fence, text, start, end);
        }
        int run = countRun(text, start, end, c);
        return run == fence.length() && skipSpaces(text, start + run, end) == end;
    }

    /** {@code =} to {@code ======} at the start of the line, then a blank; a line of only {@code =} is no title. */
    @Override
    int headingLevel(String text, int start, int end) {
        int run = countRun(text, start, end, '=');
        if (run < 1 || run > 6 || start + run == end) {
            return 0;
        }
        char c = text.charAt(start + run);
        return c == ' ' || c == '\t' ? run : 0;
    }

    @Override
    String title(String text, int start, int end) {
        return titleAfter('=', text, start, end);
    }
}
