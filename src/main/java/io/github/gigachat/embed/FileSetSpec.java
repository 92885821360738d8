package io.github.gigachat.embed;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One set of input files: a directory and the Ant-style patterns, relative to it, that select files in it.
 *
 * @param directory where the files are; relative to the project base unless absolute. A missing directory is no error
 * @param includes patterns of the files to read; empty means {@link InputScanner#DEFAULT_INCLUDES}
 * @param excludes patterns of the files to leave out, besides {@link InputScanner#DEFAULT_EXCLUDES}
 * @param requiredIncludes when not empty, a file must also match one of these (a Maven resource's own includes:
 *     what is not packaged is not embedded either)
 */
public record FileSetSpec(Path directory, List<String> includes, List<String> excludes, List<String> requiredIncludes) {
    public FileSetSpec {
        Objects.requireNonNull(directory, "directory");
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        requiredIncludes = requiredIncludes == null ? List.of() : List.copyOf(requiredIncludes);
    }

    public FileSetSpec(Path directory, List<String> includes, List<String> excludes) {
        this(directory, includes, excludes, List.of());
    }

    /** A set that reads {@link InputScanner#DEFAULT_INCLUDES} from {@code directory}. */
    public static FileSetSpec of(Path directory) {
        return new FileSetSpec(directory, List.of(), List.of());
    }
}
