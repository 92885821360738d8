package io.github.gigachat.maven;

import io.github.gigachat.scan.ContentSource;
import io.github.gigachat.scan.GitCommandLine;
import io.github.gigachat.scan.PlainTree;
import io.github.gigachat.scan.ScanItem;
import io.github.gigachat.scan.Skipped;
import io.github.gigachat.scan.git.GitRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the scan reads the working tree from: the git command line when it answers (tens of milliseconds), else JGit
 * (most of a second to load), else every file but {@code target/}. JGit is opened only for the history or as the
 * fallback; the debug log says which one listed the tree.
 */
final class ScanSources implements AutoCloseable {
    private final Path root;
    private final Consumer<String> debug;
    private final ContentSource workingTree;
    private final String prefix;
    private final boolean git;
    private Optional<GitRepository> repository;

    private ScanSources(Path root, Consumer<String> debug, GitCommandLine.Checkout checkout) {
        this.root = root;
        this.debug = debug;
        this.workingTree = new CommandLineFirst(checkout.workingTree());
        this.prefix = checkout.prefix();
        this.git = true;
        this.repository = null; // not opened yet
        debug.accept("Listing the working tree with the git command line (work tree " + checkout.workTree() + ").");
    }

    private ScanSources(Path root, Consumer<String> debug, Optional<GitRepository> repository) {
        this.root = root;
        this.debug = debug;
        this.repository = repository;
        this.git = repository.isPresent();
        this.prefix = repository.map(GitRepository::prefix).orElse("");
        this.workingTree = repository.isPresent() ? repository.get().workingTree() : new PlainTree(root);
        debug.accept(
                repository.isPresent()
                        ? "Listing the working tree with JGit (" + repository.get() + ")."
                        : "Listing every file but target/: " + root + " is not in a git work tree.");
    }

    /** Finds out how to list the directory; closing releases JGit if it was opened. */
    static ScanSources open(Path root, Consumer<String> debug) throws IOException {
        Optional<GitCommandLine.Checkout> checkout = GitCommandLine.locate(
                root, reason -> debug.accept("The git command line does not list the working tree: " + reason));
        if (checkout.isPresent()) {
            return new ScanSources(root, debug, checkout.get());
        }
        return new ScanSources(root, debug, GitRepository.find(root));
    }

    /** What git would commit under the directory (every file but {@code target/} without git). */
    ContentSource workingTree() {
        return workingTree;
    }

    /** The directory relative to the work tree's top, with a trailing '/'; "" at the top or without git. */
    String prefix() {
        return prefix;
    }

    /** True when git decides which files count. */
    boolean git() {
        return git;
    }

    /** JGit's view of the work tree (for the history), opened on first use; empty outside git. */
    Optional<GitRepository> repository() throws IOException {
        if (repository == null) {
            repository = GitRepository.find(root);
        }
        return repository;
    }

    @Override
    public void close() {
        if (repository != null) {
            repository.ifPresent(GitRepository::close);
        }
    }

    /** The command line's listing, or JGit's when git fails at listing (git offers nothing before it has answered). */
    private final class CommandLineFirst implements ContentSource {
        private final ContentSource commandLine;

        CommandLineFirst(ContentSource commandLine) {
            this.commandLine = commandLine;
        }

        @Override
        public void list(Consumer<ScanItem> items, Consumer<Skipped> skipped) throws IOException {
            try {
                commandLine.list(items, skipped);
            } catch (GitCommandLine.CommandFailedException e) {
                Optional<GitRepository> jgit = repository();
                if (jgit.isEmpty()) {
                    throw e;
                }
                debug.accept("The git command line could not list the working tree (" + e.getMessage()
                        + "); listing it with JGit.");
                jgit.get().workingTree().list(items, skipped);
            }
        }
    }
}
