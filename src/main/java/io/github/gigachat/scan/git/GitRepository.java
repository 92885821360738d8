package io.github.gigachat.scan.git;

import io.github.gigachat.scan.ContentSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git work tree a scanned directory belongs to: what git would commit there now, and what its history added. The
 * only door to JGit; close it when the scan is done (items read after that fail).
 */
public final class GitRepository implements AutoCloseable {
    private final Repository repository;
    private final ObjectReaders readers;
    private final Path scanned;
    private final String prefix;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GitRepository(Repository repository, Path scanned, String prefix) {
        this.repository = repository;
        this.readers = new ObjectReaders(repository);
        this.scanned = scanned;
        this.prefix = prefix;
    }

    /** The git work tree that holds this directory (searching upwards like git does), if any. */
    public static Optional<GitRepository> find(Path directory) throws IOException {
        Path scanned = directory.toRealPath();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(scanned.toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        Repository repository = builder.setMustExist(true).build();
        try {
            if (repository.isBare()) {
                repository.close();
                return Optional.empty();
            }
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            if (!scanned.startsWith(workTree)) {
                repository.close();
                return Optional.empty();
            }
            String relative = workTree.relativize(scanned)
                    .toString()
                    .replace(scanned.getFileSystem().getSeparator(), "/");
            return Optional.of(new GitRepository(repository, scanned, relative.isEmpty() ? "" : relative + '/'));
        } catch (IOException | RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    /** The scanned directory relative to the work tree root, with '/' separators and a trailing '/'; "" at the root. */
    public String prefix() {
        return prefix;
    }

    /**
     * Files under the directory that git would commit: tracked ones (as they are on disk now; deleted ones skipped
     * silently) plus untracked ones that no ignore rule excludes (.gitignore at every level, .git/info/exclude,
     * core.excludesFile). Never .git/. Paths relative to the scanned directory. Same symlink/unreadable rules as
     * PlainTree (a tracked symlink is not followed). Submodules are not entered.
     */
    public ContentSource workingTree() {
        return new WorkingTreeFiles(repository, scanned, prefix);
    }

    /**
     * Every blob added or modified by the commits reachable from HEAD (only those not reachable from {@code since} when
     * given), under the scanned directory. Each distinct (path, blob) once, with Origin.commit = the full id of the
     * OLDEST commit that introduced that content at that path. Merge commits: only content that differs from every
     * parent counts as introduced by the merge. A repository without commits gives nothing.
     *
     * @param since any revision git accepts ({@code origin/main}, a tag, a commit id, {@code HEAD~3}), or null
     * @throws UnknownRevisionException when {@code since} names no commit of this repository
     */
    public ContentSource history(String since) throws UnknownRevisionException {
        return new HistoryBlobs(repository, readers, prefix, since == null || since.isBlank() ? null : commitOf(since));
    }

    private ObjectId commitOf(String revision) throws UnknownRevisionException {
        try {
            ObjectId commit = repository.resolve(revision + "^{commit}");
            if (commit == null) {
                throw new UnknownRevisionException(revision, null);
            }
            return commit;
        } catch (RevisionSyntaxException | AmbiguousObjectException | IncorrectObjectTypeException e) {
            throw new UnknownRevisionException(revision, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the git repository to resolve a revision", e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            readers.close();
            repository.close();
        }
    }

    @Override
    public String toString() {
        return "git work tree " + repository.getWorkTree() + (prefix.isEmpty() ? "" : ", scanning " + prefix);
    }
}
