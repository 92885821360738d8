package io.github.gigachat.embed;

import java.util.Objects;

/**
 * What every writer needs to know besides the vectors: they go into the manifest and the metadata of the outputs.
 *
 * @param model the embedding model
 * @param dimensions length of every vector
 * @param count number of vectors
 * @param settings the chunker settings used
 * @param pluginVersion version of this plugin
 * @param emulated whether the vectors came from the built-in emulator (not a real model)
 */
public record OutputSpec(
        String model, int dimensions, int count, ChunkerSettings settings, String pluginVersion, boolean emulated) {
    public OutputSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
    }
}
