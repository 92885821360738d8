package io.github.gigachat.client;

/** One entry of {@code GET /models}. {@code type} is {@code chat}, {@code embedder}, ... or empty when absent. */
public record ModelInfo(String id, String type, String ownedBy) {
    public boolean isEmbedder() {
        return "embedder".equalsIgnoreCase(type);
    }
}
