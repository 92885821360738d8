package io.github.gigachat.scan.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A git repository in a test's directory, written with JGit's porcelain; commits have a fixed author, a minute apart. */
public final class TestRepository implements AutoCloseable {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    public final Path root;
    public final Git git;
    private int commits;

    private TestRepository(Path root, Git git) {
        this.root = root;
        this.git = git;
    }

    public static TestRepository init(Path root) throws GitAPIException {
        return new TestRepository(
                root,
                Git.init().setDirectory(root.toFile()).setInitialBranch("main").call());
    }

    public TestRepository write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    public TestRepository delete(String path) throws IOException {
        Files.delete(root.resolve(path));
        return this;
    }

    /** Stages every change (additions, modifications, deletions) as {@code git add -A} does. */
    public TestRepository addAll() throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return this;
    }

    /** Commits what is staged (or, after a conflicting merge, the merge). */
    public RevCommit commit(String message) throws GitAPIException {
        PersonIdent ident = new PersonIdent(
                "Test Author", "author@example.com", START.plusSeconds(60L * ++commits), ZoneOffset.UTC);
        return git.commit()
                .setMessage(message)
                .setAuthor(ident)
                .setCommitter(ident)
                .setSign(false)
                .setNoVerify(true)
                .call();
    }

    public RevCommit commitAll(String message) throws GitAPIException {
        return addAll().commit(message);
    }

    public void checkout(String branch, boolean create) throws GitAPIException {
        git.checkout().setName(branch).setCreateBranch(create).call();
    }

    /** Merges a branch without committing, whatever the outcome; the test then commits the merge. */
    public void mergeWithoutCommit(RevCommit other) throws GitAPIException {
        git.merge()
                .include(other)
                .setCommit(false)
                .setFastForward(MergeCommand.FastForwardMode.NO_FF)
                .call();
    }

    @Override
    public void close() {
        git.close();
    }
}
