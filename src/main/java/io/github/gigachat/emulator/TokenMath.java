package io.github.gigachat.emulator;

/** The emulator's token estimate and embedding billing rule (count + fixed per-text overhead). */
final class TokenMath {
    /** Billed on top of the counted tokens for every embedded text ("First text": 2 counted, 7 billed). */
    static final int EMBEDDING_OVERHEAD = 5;

    private TokenMath() {}

    static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    static int count(String text) {
        return Math.max(1, characters(text) / 4);
    }

    static int billed(String text) {
        return count(text) + EMBEDDING_OVERHEAD;
    }
}
