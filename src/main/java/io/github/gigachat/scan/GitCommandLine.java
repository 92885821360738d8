package io.github.gigachat.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The git command line, when installed and willing: locates the work tree and lists what git would commit. It answers
 * in tens of milliseconds where JGit needs most of a second to load in a fresh JVM, and it is git's own answer.
 */
public final class GitCommandLine {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private GitCommandLine() {}

    /**
     * The work tree that holds this directory, as git itself finds it. Empty when {@code git} is not on the PATH,
     * fails, times out, refuses (e.g. "dubious ownership"), or {@code directory} is not inside a non-bare work tree.
     *
     * @throws IOException only for real I/O trouble (the directory cannot be resolved, a temporary file cannot be
     *     written)
     */
    public static Optional<Checkout> locate(Path directory) throws IOException {
        return locate(directory, reason -> {});
    }

    /**
     * As {@link #locate(Path)}, telling {@code whyNot} why the command line is not used when it is empty (for a debug
     * log: git's words, which name paths but never content).
     */
    public static Optional<Checkout> locate(Path directory, Consumer<String> whyNot) throws IOException {
        return locate(directory, whyNot, System.getenv(), TIMEOUT);
    }

    static Optional<Checkout> locate(
            Path directory, Consumer<String> whyNot, Map<String, String> environment, Duration timeout)
            throws IOException {
        Path scanned = directory.toRealPath();
        Optional<GitProcess> git = GitProcess.onPath(environment, timeout);
        if (git.isEmpty()) {
            whyNot.accept("no git executable on the PATH");
            return Optional.empty();
        }
        GitProcess.Output output;
        try {
            output = git.get()
                    .run(
                            scanned,
                            "rev-parse",
                            "--is-bare-repository",
                            "--is-inside-work-tree",
                            "--show-toplevel",
                            "--show-prefix");
        } catch (CommandFailedException e) {
            whyNot.accept(e.getMessage());
            return Optional.empty();
        }
        // Four lines: bare?, inside a work tree?, the top directory, the prefix (empty at the top).
        List<String> lines =
                new String(output.stdout(), StandardCharsets.UTF_8).lines().toList();
        if (lines.size() != 4 || !lines.get(0).equals("false") || !lines.get(1).equals("true")) {
            whyNot.accept("git rev-parse: not inside a work tree");
            return Optional.empty();
        }
        Path workTree;
        try {
            workTree = Path.of(lines.get(2)).toRealPath();
        } catch (IOException | InvalidPathException e) {
            whyNot.accept("git rev-parse named a work tree that cannot be resolved");
            return Optional.empty();
        }
        String prefix = lines.get(3);
        if (!scanned.startsWith(workTree) || !(prefix.isEmpty() || prefix.endsWith("/"))) {
            whyNot.accept("git rev-parse named a work tree that does not hold the directory");
            return Optional.empty();
        }
        return Optional.of(new Checkout(workTree, prefix, new CommandLineWorkingTree(git.get(), scanned, prefix)));
    }

    /**
     * A directory inside a git work tree.
     *
     * @param workTree the top directory of the work tree (real path)
     * @param prefix the scanned directory relative to {@code workTree}, with '/' separators and a trailing '/'; ""
     *     at the top (as {@code GitRepository.prefix()})
     * @param workingTree the files under the directory that git would commit, listed by {@code git ls-files}; its
     *     {@code list} throws {@link CommandFailedException} before offering anything when git fails there
     */
    public record Checkout(Path workTree, String prefix, ContentSource workingTree) {
        public Checkout {
            Objects.requireNonNull(workTree, "workTree");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(workingTree, "workingTree");
        }
    }

    /** Git could not start, failed, or was stopped after the timeout; the message says which, in git's words. */
    public static final class CommandFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        CommandFailedException(String message) {
            super(message);
        }
    }
}
