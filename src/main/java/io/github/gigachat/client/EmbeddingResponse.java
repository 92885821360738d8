package io.github.gigachat.client;

import java.util.List;

/** The vectors of one {@code POST /embeddings} call, ordered by input index, and the tokens billed in total. */
public record EmbeddingResponse(String model, List<Embedding> embeddings, long billedTokens) {}
