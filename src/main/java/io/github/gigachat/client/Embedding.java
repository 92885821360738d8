package io.github.gigachat.client;

/** One vector of {@code POST /embeddings}, with the index of its input text and the tokens billed for it. */
public record Embedding(int index, float[] vector, long promptTokens) {}
