package io.github.gigachat.emulator;

/** One entry of the emulated model list; {@code dimensions} is 0 for models that are not embedders. */
record Model(String id, String type, int dimensions) {
    static final String CHAT = "chat";
    static final String EMBEDDER = "embedder";

    boolean isEmbedder() {
        return EMBEDDER.equals(type);
    }
}
