package io.github.gigachat.scan.git;

import io.github.gigachat.scan.ContentSource;
import io.github.gigachat.scan.Origin;
import io.github.gigachat.scan.ScanItem;
import io.github.gigachat.scan.Skipped;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The blobs that the commits reachable from {@code HEAD} (and not from {@code since}) added or modified, oldest commit
 * first, so each (path, blob) is offered once with the commit that first introduced it.
 */
final class HistoryBlobs implements ContentSource {
    private final Repository repository;
    private final ObjectReaders readers;
    private final String prefix;
    private final ObjectId since;

    /** @param since the commit whose ancestors are left out, or null for the whole history */
    HistoryBlobs(Repository repository, ObjectReaders readers, String prefix, ObjectId since) {
        this.repository = repository;
        this.readers = readers;
        this.prefix = prefix;
        this.since = since;
    }

    /** A content at a path, the unit offered once. */
    private record PathBlob(String path, ObjectId blob) {}

    @Override
    public void list(Consumer<ScanItem> items, Consumer<Skipped> skipped) throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
        if (head == null) {
            return; // no commit yet
        }
        java.util.Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
        if (!shallow.isEmpty()) {
            // the oldest fetched commit would be credited with every blob it holds, and older ones are missing
            skipped.accept(new Skipped(
                    new Origin("(history)", shallow.iterator().next().name()),
                    "a shallow clone: the commits before this one were not fetched, so the history before it was not"
                            + " scanned and its blobs are named with this commit; fetch the whole history (git fetch"
                            + " --unshallow, or actions/checkout with fetch-depth: 0)"));
        }
        try (ObjectReader reader = repository.newObjectReader();
                RevWalk commits = new RevWalk(reader);
                TreeWalk changes = new TreeWalk(repository, reader)) {
            commits.setRetainBody(false);
            commits.sort(RevSort.TOPO, true);
            commits.sort(RevSort.REVERSE, true);
            commits.markStart(commits.parseCommit(head));
            if (since != null) {
                commits.markUninteresting(commits.parseCommit(since));
            }
            changes.setRecursive(true);
            changes.setFilter(filter());
            Set<PathBlob> seen = new HashSet<>();
            for (RevCommit commit : commits) {
                introduced(commits, changes, commit, seen, items, skipped);
            }
        }
    }

    private TreeFilter filter() {
        return prefix.isEmpty()
                ? IntroducedContent.INSTANCE
                : AndTreeFilter.create(
                        PathFilter.create(prefix.substring(0, prefix.length() - 1)), IntroducedContent.INSTANCE);
    }

    private void introduced(
            RevWalk commits,
            TreeWalk changes,
            RevCommit commit,
            Set<PathBlob> seen,
            Consumer<ScanItem> items,
            Consumer<Skipped> skipped)
            throws IOException {
        ObjectId[] trees = new ObjectId[1 + commit.getParentCount()];
        trees[0] = commit.getTree();
        for (int i = 0; i < commit.getParentCount(); i++) {
            trees[i + 1] = commits.parseCommit(commit.getParent(i)).getTree();
        }
        changes.reset(trees);
        while (changes.next()) {
            FileMode mode = changes.getFileMode(0);
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                continue; // a symbolic link's target or a submodule's commit: not content
            }
            PathBlob pathBlob = new PathBlob(changes.getPathString(), changes.getObjectId(0));
            if (seen.add(pathBlob)) {
                Origin origin = new Origin(pathBlob.path().substring(prefix.length()), commit.name());
                try {
                    long size = changes.getObjectReader().getObjectSize(pathBlob.blob(), Constants.OBJ_BLOB);
                    items.accept(new BlobItem(readers, pathBlob.blob(), origin, size));
                } catch (MissingObjectException notFetched) {
                    skipped.accept(new Skipped(origin, "blob not in the local repository (a partial clone)"));
                }
            }
        }
    }
}
