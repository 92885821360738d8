package io.github.gigachat.client;

/** One entry of {@code POST /tokens/count}. */
public record TokenCount(long tokens, long characters) {}
