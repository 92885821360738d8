package io.github.gigachat.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The files {@code gigachat:embed} writes under an output root, and the rules that keep it from touching any other: the
 * output root may be shared with other resources (teams point it at {@code src/main/resources} to commit the vectors),
 * so the plugin removes only files it recorded as its own and unchanged since, never reads its outputs back as inputs,
 * and refuses a layout it cannot handle safely ({@link OutputConflictException}).
 */
final class OutputFiles {
    private final Path outputRoot;

    OutputFiles(Path outputRoot) {
        this.outputRoot = canonical(Objects.requireNonNull(outputRoot, "outputRoot"));
    }

    /** The files the formats write, relative to the output root, sorted. */
    static List<String> of(List<String> formats) {
        TreeSet<String> files = new TreeSet<>();
        for (String format : formats) {
            files.addAll(EmbeddingWriter.forFormat(format).files());
        }
        return List.copyOf(files);
    }

    /** The output root, with symbolic links resolved. */
    Path root() {
        return outputRoot;
    }

    /** Where a relative output path lies. */
    Path resolve(String relative) {
        return outputRoot.resolve(relative);
    }

    /**
     * Refuses an output root that is, or is above, the project directory, that is or lies in the cache, that holds the
     * cache, or that exists as something other than a directory.
     */
    void checkLayout(Path projectBase, Path cacheDirectory) {
        Path project = canonical(projectBase);
        Path cache = canonical(cacheDirectory);
        if (project.startsWith(outputRoot)) {
            throw new OutputConflictException(OutputConflictException.Kind.PROJECT_DIRECTORY, outputRoot, project);
        }
        if (outputRoot.startsWith(cache)) {
            throw new OutputConflictException(OutputConflictException.Kind.INSIDE_CACHE, outputRoot, cache);
        }
        if (cache.startsWith(outputRoot)) {
            throw new OutputConflictException(OutputConflictException.Kind.CONTAINS_CACHE, outputRoot, cache);
        }
        if (Files.exists(outputRoot) && !Files.isDirectory(outputRoot)) {
            throw new OutputConflictException(OutputConflictException.Kind.NOT_A_DIRECTORY, outputRoot, null);
        }
    }

    /** Refuses when one of the {@code planned} outputs is an input file (the plugin's own are never inputs). */
    void checkInputs(List<InputFile> inputs, List<String> planned) {
        List<Path> targets = new ArrayList<>();
        for (String file : planned) {
            targets.add(outputRoot.resolve(file));
        }
        List<String> names =
                targets.stream().map(t -> t.getFileName().toString()).toList();
        for (InputFile input : inputs) {
            if (!names.contains(input.path().getFileName().toString())) {
                continue; // cheap: most inputs do not even share a name with an output
            }
            Path path = canonical(input.path());
            if (targets.contains(path)) {
                throw new OutputConflictException(OutputConflictException.Kind.OVERWRITES_INPUT, outputRoot, path);
            }
        }
    }

    /**
     * Deletes the files of {@code ours} (recorded as written by an earlier run, and unchanged since) that this run did
     * not write: a format that was dropped. Warns about any other file by the name of an output that this run did not
     * write: it was not recorded as the plugin's, so it is left alone.
     *
     * @param ours relative path to the stamp recorded when it was written
     * @return the files deleted
     */
    List<String> removeStale(Map<String, String> ours, List<String> written, Consumer<String> warnings)
            throws IOException {
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, String> entry : ours.entrySet()) {
            String file = entry.getKey();
            boolean anOutputName = of(EmbeddingWriter.FORMATS).contains(file);
            if (anOutputName && !written.contains(file) && entry.getValue().equals(stamp(outputRoot.resolve(file)))) {
                Files.deleteIfExists(outputRoot.resolve(file));
                removed.add(file);
            }
        }
        for (String file : of(EmbeddingWriter.FORMATS)) {
            if (!written.contains(file) && !removed.contains(file) && Files.exists(outputRoot.resolve(file))) {
                warnings.accept(outputRoot.resolve(file) + " is not written by this build and was not recorded as"
                        + " written by an earlier one: it is left in place; delete it if it is an old output.");
            }
        }
        return removed;
    }

    /** Size and modification time of a file, or null if it is not a regular file. */
    static String stamp(Path file) throws IOException {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile()
                    ? attributes.size() + "@" + attributes.lastModifiedTime().toMillis()
                    : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The path with its existing part resolved to the real path (symbolic links followed), the rest normalised. */
    static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
