package io.github.gigachat.embed;

/** A chunk and its vector, as the writers receive them: in output order (source path, then chunk index). */
public record EmbeddedChunk(Chunk chunk, float[] vector) {}
