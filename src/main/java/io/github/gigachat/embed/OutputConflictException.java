package io.github.gigachat.embed;

import java.nio.file.Path;
import java.util.Objects;

/** The output directory overlaps something it must not: nothing was read, sent or written. */
public final class OutputConflictException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What the output directory overlaps. */
    public enum Kind {
        /** It is the project's directory or one above it: the whole project would become a resource. */
        PROJECT_DIRECTORY,
        /** It is the cache directory or lies inside it. */
        INSIDE_CACHE,
        /** The cache directory lies inside it: the cache would be packaged. */
        CONTAINS_CACHE,
        /** It exists and is not a directory. */
        NOT_A_DIRECTORY,
        /** One of the files it would write is an input file that the plugin did not write. */
        OVERWRITES_INPUT
    }

    private final Kind kind;
    private final transient Path outputRoot;
    private final transient Path other;

    /** @param other the project directory, the cache directory, or the input file, as the kind says */
    public OutputConflictException(Kind kind, Path outputRoot, Path other) {
        super(describe(kind, outputRoot, other));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.outputRoot = outputRoot;
        this.other = other;
    }

    private static String describe(Kind kind, Path outputRoot, Path other) {
        return switch (kind) {
            case PROJECT_DIRECTORY ->
                "The output directory " + outputRoot + " is the project directory " + other
                        + " or above it: the whole project would be packaged as resources.";
            case INSIDE_CACHE -> "The output directory " + outputRoot + " is inside the vector cache " + other + ".";
            case CONTAINS_CACHE ->
                "The vector cache " + other + " is inside the output directory " + outputRoot
                        + ": it would be packaged with the vectors.";
            case NOT_A_DIRECTORY -> "The output directory " + outputRoot + " exists and is not a directory.";
            case OVERWRITES_INPUT ->
                "Writing the embeddings into " + outputRoot + " would overwrite the input file " + other
                        + ", which the plugin did not write.";
        };
    }

    public Kind kind() {
        return kind;
    }

    public Path outputRoot() {
        return outputRoot;
    }

    /** The project directory, the cache directory or the input file, as {@link #kind()} says. */
    public Path other() {
        return other;
    }
}
