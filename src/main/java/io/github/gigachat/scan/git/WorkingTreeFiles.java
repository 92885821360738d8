package io.github.gigachat.scan.git;

import io.github.gigachat.scan.ContentSource;
import io.github.gigachat.scan.FileItem;
import io.github.gigachat.scan.ScanItem;
import io.github.gigachat.scan.Skipped;
import io.github.gigachat.scan.WorkingTreeSkips;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The files of a work tree that git would commit, walked once alongside the index: tracked files as they are on disk,
 * untracked ones that no ignore rule excludes. An ignored directory with nothing tracked in it is never entered.
 */
final class WorkingTreeFiles implements ContentSource {
    private static final int INDEX = 0;
    private static final int DISK = 1;

    private final Repository repository;
    private final Path scanned;
    private final String prefix;

    WorkingTreeFiles(Repository repository, Path scanned, String prefix) {
        this.repository = repository;
        this.scanned = scanned;
        this.prefix = prefix;
    }

    @Override
    public void list(Consumer<ScanItem> items, Consumer<Skipped> skipped) throws IOException {
        if (WorkingTreeSkips.unlistableRoot(scanned, skipped)) {
            return;
        }
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(new DirCacheIterator(repository.readDirCache()));
            FileTreeIterator disk = new FileTreeIterator(repository);
            // JGit would present an ignored directory as empty, hiding the tracked files in it; this walk decides.
            disk.setWalkIgnoredDirectories(true);
            walk.addTree(disk);
            walk.setRecursive(false);
            if (!prefix.isEmpty()) {
                walk.setFilter(PathFilter.create(prefix.substring(0, prefix.length() - 1)));
            }
            while (walk.next()) {
                visit(walk, items, skipped);
            }
        }
    }

    private void visit(TreeWalk walk, Consumer<ScanItem> items, Consumer<Skipped> skipped) throws IOException {
        WorkingTreeIterator disk = walk.getTree(DISK, WorkingTreeIterator.class);
        if (disk == null) {
            return; // tracked, deleted from disk since
        }
        DirCacheIterator index = walk.getTree(INDEX, DirCacheIterator.class);
        if (index == null ? disk.isEntryIgnored() : index.getEntryFileMode() == FileMode.GITLINK) {
            return; // ignored and untracked, or a submodule (checked out or not)
        }
        String workTreePath = walk.getPathString();
        if (workTreePath.length() < prefix.length()) {
            if (walk.isSubtree()) {
                walk.enterSubtree(); // a directory above the scanned one
            }
            return;
        }
        String path = workTreePath.substring(prefix.length());
        Path file = scanned.resolve(path);
        FileMode mode = disk.getEntryFileMode();
        if (mode == FileMode.TREE) {
            if (WorkingTreeSkips.canList(file)) {
                walk.enterSubtree();
            } else {
                skipped.accept(WorkingTreeSkips.unreadableDirectory(path, new AccessDeniedException(path)));
            }
        } else if (mode == FileMode.SYMLINK) {
            WorkingTreeSkips.symbolicLink(scanned, file, path).ifPresent(skipped);
        } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
            if (Files.isReadable(file)) {
                items.accept(new FileItem(file, path, disk.getEntryLength()));
            } else {
                skipped.accept(WorkingTreeSkips.unreadableFile(path));
            }
        }
        // FileMode.GITLINK: a nested repository, not entered.
    }
}
