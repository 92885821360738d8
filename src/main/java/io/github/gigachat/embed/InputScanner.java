package io.github.gigachat.embed;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Finds the text files of a project's file sets and reads them as UTF-8. Every file that cannot be embedded (binary,
 * not UTF-8, empty, too large, unreadable, a symbolic link loop) is reported through the warnings consumer, naming it,
 * and skipped; the other files are still read.
 */
public final class InputScanner {
    /** What a file set without includes reads: Markdown, plain text and AsciiDoc. */
    public static final List<String> DEFAULT_INCLUDES = List.of("**/*.md", "**/*.markdown", "**/*.txt", "**/*.adoc");

    /** Always left out, as Maven's own file sets do: version control metadata and editor leftovers. */
    public static final List<String> DEFAULT_EXCLUDES = List.of(
            "**/.git/**",
            "**/.svn/**",
            "**/.hg/**",
            "**/.bzr/**",
            "**/CVS/**",
            "**/.DS_Store",
            "**/*~",
            "**/#*#",
            "**/.#*");

    /** How much of a file is searched for a NUL byte to tell binary files, as git does. */
    static final int BINARY_PROBE_BYTES = 8 * 1024;

    private final Path projectBase;
    private final long maxFileBytes;
    private final Consumer<String> warnings;
    private Set<Path> excluded = Set.of();

    /**
     * @param projectBase the project's directory: relative file set directories and every relative path start here
     * @param maxFileBytes files larger than this are skipped with a warning
     * @param warnings receives one message per skipped file or directory
     */
    public InputScanner(Path projectBase, long maxFileBytes, Consumer<String> warnings) {
        this.projectBase = Objects.requireNonNull(projectBase, "projectBase")
                .toAbsolutePath()
                .normalize();
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes is " + maxFileBytes + ": use a positive number of bytes");
        }
        this.maxFileBytes = maxFileBytes;
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * Leaves these files out, silently, whatever the patterns say: the plugin's own outputs are never read back.
     *
     * @param files absolute, normalised paths
     */
    public InputScanner excluding(Set<Path> files) {
        this.excluded = Set.copyOf(files);
        return this;
    }

    /**
     * Reads the files of all sets, each file once even where sets overlap, sorted by relative path.
     *
     * @throws IllegalArgumentException if a pattern is absolute or leaves its set's directory (checked before any file
     *     is read)
     */
    public List<InputFile> scan(List<FileSetSpec> sets) throws IOException {
        List<CompiledSet> compiled = new ArrayList<>();
        for (FileSetSpec set : sets) {
            compiled.add(compile(set));
        }
        Map<String, InputFile> files = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (CompiledSet set : compiled) {
            if (Files.isDirectory(set.directory)) {
                Files.walkFileTree(
                        set.directory,
                        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
                        Integer.MAX_VALUE,
                        new Visitor(set, files, seen));
            } else if (Files.exists(set.directory)) {
                warnings.accept("Skipping file set " + relative(set.directory) + ": it is a file, not a directory");
            }
        }
        return List.copyOf(files.values());
    }

    private CompiledSet compile(FileSetSpec set) {
        Path directory = projectBase.resolve(set.directory()).toAbsolutePath().normalize();
        String shown = relative(directory);
        List<GlobPattern> includes = new ArrayList<>();
        for (String pattern : set.includes()) {
            if (!pattern.isBlank()) {
                includes.add(GlobPattern.compile(pattern, "include", shown));
            }
        }
        if (includes.isEmpty()) {
            for (String pattern : DEFAULT_INCLUDES) {
                includes.add(GlobPattern.compile(pattern, "include", shown));
            }
        }
        List<GlobPattern> excludes = new ArrayList<>();
        for (String pattern : set.excludes()) {
            if (!pattern.isBlank()) {
                excludes.add(GlobPattern.compile(pattern, "exclude", shown));
            }
        }
        for (String pattern : DEFAULT_EXCLUDES) {
            excludes.add(GlobPattern.compile(pattern, "exclude", shown));
        }
        List<GlobPattern> required = new ArrayList<>();
        for (String pattern : set.requiredIncludes()) {
            if (!pattern.isBlank()) {
                required.add(GlobPattern.compile(pattern, "include", shown));
            }
        }
        return new CompiledSet(directory, includes, excludes, required);
    }

    /** The path relative to the project base with {@code /} separators; {@code ../} where it lies outside. */
    private String relative(Path path) {
        Path relative;
        try {
            relative = projectBase.relativize(path);
        } catch (IllegalArgumentException e) {
            // another root (a Windows drive): no relative form exists; keep the names below the root
            relative = path.getRoot() == null ? path : path.getRoot().relativize(path);
        }
        return join(relative);
    }

    private static String join(Path path) {
        StringBuilder joined = new StringBuilder();
        for (Path name : path) {
            if (joined.length() > 0) {
                joined.append('/');
            }
            joined.append(name);
        }
        return joined.length() == 0 ? "." : joined.toString();
    }

    private static String[] names(Path directory, Path path) {
        Path relative = directory.relativize(path);
        if (relative.toString().isEmpty()) {
            return new String[0];
        }
        String[] names = new String[relative.getNameCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = relative.getName(i).toString();
        }
        return names;
    }

    /** Reads one selected regular file to check it can be embedded, or says why it is skipped; keeps no text. */
    private InputFile read(Path path, String relativePath, long size) {
        if (size > maxFileBytes) {
            warnings.accept("Skipping " + relativePath + ": it has " + size + " bytes, larger than " + maxFileBytes
                    + " bytes (split it, exclude it, or raise the limit)");
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | SecurityException e) {
            warnings.accept("Skipping " + relativePath + ": it cannot be read (" + describe(e) + ")");
            return null;
        }
        if (bytes.length > maxFileBytes) { // it grew since it was listed
            warnings.accept("Skipping " + relativePath + ": it has " + bytes.length + " bytes, larger than "
                    + maxFileBytes + " bytes (split it, exclude it, or raise the limit)");
            return null;
        }
        for (int i = 0, n = Math.min(bytes.length, BINARY_PROBE_BYTES); i < n; i++) {
            if (bytes[i] == 0) {
                warnings.accept("Skipping " + relativePath + ": it is a binary file (a NUL byte at offset " + i
                        + "); exclude it from the file set");
                return null;
            }
        }
        int[] badByte = new int[1];
        String text = InputFile.decode(bytes, badByte);
        if (text == null) {
            warnings.accept("Skipping " + relativePath + ": it is not valid UTF-8 (bad byte at offset " + badByte[0]
                    + "); convert it to UTF-8 or exclude it from the file set");
            return null;
        }
        if (isBlank(text)) {
            warnings.accept("Skipping " + relativePath + ": it is empty or only whitespace, nothing to embed");
            return null;
        }
        return new InputFile(path, relativePath, bytes.length, InputFile.hash(bytes));
    }

    private static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!TokenEstimator.isSpace(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** A file set with its directory resolved and its patterns compiled. */
    private record CompiledSet(
            Path directory, List<GlobPattern> includes, List<GlobPattern> excludes, List<GlobPattern> required) {
        boolean selects(String[] names) {
            return includes.stream().anyMatch(p -> p.matches(names))
                    && (required.isEmpty() || required.stream().anyMatch(p -> p.matches(names)))
                    && excludes.stream().noneMatch(p -> p.matches(names));
        }

        boolean mayHoldSelectedFiles(String[] directoryNames) {
            return includes.stream().anyMatch(p -> p.couldMatchBelow(directoryNames))
                    && (required.isEmpty() || required.stream().anyMatch(p -> p.couldMatchBelow(directoryNames)))
                    && excludes.stream().noneMatch(p -> p.matchesEverythingBelow(directoryNames));
        }
    }

    /** Walks one file set, following symbolic links; the JDK detects loops by file identity of the ancestors. */
    private final class Visitor extends SimpleFileVisitor<Path> {
        private final CompiledSet set;
        private final Map<String, InputFile> files;
        private final Set<String> seen;

        Visitor(CompiledSet set, Map<String, InputFile> files, Set<String> seen) {
            this.set = set;
            this.files = files;
            this.seen = seen;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return set.mayHoldSelectedFiles(names(set.directory, dir))
                    ? FileVisitResult.CONTINUE
                    : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String[] names = names(set.directory, file);
            if (!set.selects(names) || excluded.contains(file)) {
                return FileVisitResult.CONTINUE;
            }
            String relativePath = relative(file);
            if (!seen.add(relativePath)) {
                return FileVisitResult.CONTINUE;
            }
            if (attrs.isSymbolicLink()) {
                warnings.accept(
                        "Skipping " + relativePath + ": it is a broken symbolic link (its target does not exist)");
            } else if (!attrs.isRegularFile()) {
                warnings.accept("Skipping " + relativePath + ": it is not a regular file");
            } else {
                InputFile input = read(file, relativePath, attrs.size());
                if (input != null) {
                    files.put(relativePath, input);
                }
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            String[] names = names(set.directory, file);
            boolean relevant = set.selects(names) || set.mayHoldSelectedFiles(names);
            String relativePath = relative(file);
            if (relevant && seen.add(relativePath)) {
                if (exc instanceof FileSystemLoopException) {
                    warnings.accept("Skipping " + relativePath
                            + ": it is a symbolic link loop (it leads back to a directory above it); not followed");
                } else {
                    warnings.accept("Skipping " + relativePath + ": it cannot be read (" + describe(exc) + ")");
                }
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            if (exc != null) {
                warnings.accept("Could not list all of " + relative(dir) + " (" + describe(exc)
                        + "); files in it may be missing");
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
