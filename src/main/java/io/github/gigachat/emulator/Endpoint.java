package io.github.gigachat.emulator;

/** Names the emulated endpoints, so that statistics and faults can target one of them. */
public enum Endpoint {
    /** {@code POST /api/v2/oauth}. */
    OAUTH,
    /** {@code POST /api/v1/token}: user and password for a token (HTTP Basic). */
    TOKEN,
    /** {@code GET /api/v1/models}. */
    MODELS,
    /** {@code GET /api/v1/models/{id}}. */
    MODEL,
    /** {@code GET /api/v1/balance}. */
    BALANCE,
    /** {@code POST /api/v1/embeddings}. */
    EMBEDDINGS,
    /** {@code POST /api/v1/tokens/count}. */
    TOKENS_COUNT,
    /** Any request at all, including unknown paths (for faults; for statistics it means the total). */
    ANY
}
