package io.github.gigachat.embed;

/** Plain text (any other file): no headings and no verbatim blocks, only paragraphs between blank lines. */
final class PlainTextBlocks extends TextBlocks {
    static final PlainTextBlocks INSTANCE = new PlainTextBlocks();

    private PlainTextBlocks() {}

    @Override
    String opensFence(String text, int start, int end) {
        return null;
    }

    @Override
    boolean closes(String fence, String text, int start, int end) {
        return false;
    }

    @Override
    int headingLevel(String text, int start, int end) {
        return 0;
    }

    @Override
    String title(String text, int start, int end) {
        throw new IllegalStateException("plain text has no headings");
    }
}
