package io.github.gigachat.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files under a directory that git would commit, as {@code git ls-files} lists them (tracked, plus untracked ones
 * no ignore rule excludes), checked on disk with the same rules as JGit's walk: deleted files and submodules left out
 * silently, symbolic links never followed, unreadable files and directories reported. Offers them in git's order once
 * git has answered, so a failure of git offers nothing.
 */
final class CommandLineWorkingTree implements ContentSource {
    /** Git's warning (in the C locale) for a directory it could not list; the path is relative to the work tree. */
    private static final Pattern UNOPENED =
            Pattern.compile("^warning: could not open directory '(.+)/': (.+)$", Pattern.MULTILINE);

    private final GitProcess git;
    private final Path scanned;
    private final String prefix;

    CommandLineWorkingTree(GitProcess git, Path scanned, String prefix) {
        this.git = git;
        this.scanned = scanned;
        this.prefix = prefix;
    }

    @Override
    public void list(Consumer<ScanItem> items, Consumer<Skipped> skipped) throws IOException {
        if (WorkingTreeSkips.unlistableRoot(scanned, skipped)) {
            return;
        }
        GitProcess.Output output = git.run(scanned, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        Walk walk = new Walk(scanned, items, skipped);
        for (Listed listed : sorted(output)) {
            String path = new String(listed.path(), StandardCharsets.UTF_8);
            if (listed.unopenedBecause() != null) {
                walk.unopenedDirectory(path, listed.unopenedBecause());
            } else {
                walk.file(path);
            }
        }
    }

    /** A path as git listed it (relative to the scanned directory), or a directory git could not open, and why. */
    private record Listed(byte[] path, String unopenedBecause) {}

    /**
     * Every path once (an unmerged file is listed once per stage), in git's order: by the bytes of the path, which is
     * the order of a tree walk (untracked files come first in git's own output).
     */
    private List<Listed> sorted(GitProcess.Output output) {
        List<Listed> listed = new ArrayList<>();
        byte[] out = output.stdout();
        for (int start = 0, end; start < out.length; start = end + 1) {
            end = start;
            while (end < out.length && out[end] != 0) {
                end++;
            }
            if (end > start) {
                listed.add(new Listed(Arrays.copyOfRange(out, start, end), null));
            }
        }
        Matcher unopened = UNOPENED.matcher(output.stderr());
        while (unopened.find()) {
            String workTreePath = unopened.group(1) + '/';
            if (workTreePath.startsWith(prefix) && workTreePath.length() > prefix.length()) {
                byte[] path = workTreePath.substring(prefix.length()).getBytes(StandardCharsets.UTF_8);
                listed.add(new Listed(path, unopened.group(2)));
            }
        }
        listed.sort((a, b) -> Arrays.compareUnsigned(a.path(), b.path()));
        List<Listed> distinct = new ArrayList<>(listed.size());
        for (Listed each : listed) {
            if (distinct.isEmpty()
                    || !Arrays.equals(distinct.get(distinct.size() - 1).path(), each.path())) {
                distinct.add(each);
            }
        }
        return distinct;
    }

    /** Checks listed paths on disk, in order; remembers each directory's verdict so it is looked at once. */
    private static final class Walk {
        private final Path root;
        private final Consumer<ScanItem> items;
        private final Consumer<Skipped> skipped;
        private final Map<String, Boolean> enterable = new HashMap<>();
        private final Set<String> reported = new HashSet<>();

        Walk(Path root, Consumer<ScanItem> items, Consumer<Skipped> skipped) {
            this.root = root;
            this.items = items;
            this.skipped = skipped;
        }

        void file(String path) throws IOException {
            if (path.endsWith("/") || isGitDirectory(path)) {
                return; // a nested repository git shows as a directory, never entered; git's own files never
            }
            int slash = path.lastIndexOf('/');
            if (slash > 0 && !enterable(path.substring(0, slash))) {
                return;
            }
            Path file = root.resolve(path);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException deleted) {
                return; // tracked, deleted from disk since
            }
            if (attributes.isSymbolicLink()) {
                report(WorkingTreeSkips.symbolicLink(root, file, path).orElse(null));
            } else if (attributes.isRegularFile()) {
                if (Files.isReadable(file)) {
                    items.accept(new FileItem(file, path, attributes.size()));
                } else {
                    report(WorkingTreeSkips.unreadableFile(path));
                }
            }
            // A directory is a submodule (checked out or not): not entered. Pipes and devices: never opened.
        }

        void unopenedDirectory(String path, String because) throws IOException {
            String directory = path.substring(0, path.length() - 1);
            int slash = directory.lastIndexOf('/');
            if (slash < 0 || enterable(directory.substring(0, slash))) {
                IOException cause = because.equals("Permission denied")
                        ? new AccessDeniedException(directory)
                        : new FileSystemException(directory, null, because);
                report(WorkingTreeSkips.unreadableDirectory(directory, cause));
            }
            enterable.put(directory, false);
        }

        /** True when the directory (relative to the root) and all above it are real, listable directories. */
        private boolean enterable(String directory) throws IOException {
            Boolean known = enterable.get(directory);
            if (known == null) {
                int slash = directory.lastIndexOf('/');
                known = (slash < 0 || enterable(directory.substring(0, slash))) && opens(directory);
                enterable.put(directory, known);
            }
            return known;
        }

        private boolean opens(String directory) throws IOException {
            Path path = root.resolve(directory);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException deleted) {
                return false;
            }
            if (attributes.isSymbolicLink()) {
                // Tracked files under a directory that is now a link: the link is judged, never followed.
                report(WorkingTreeSkips.symbolicLink(root, path, directory).orElse(null));
                return false;
            }
            if (!attributes.isDirectory()) {
                return false;
            }
            if (!WorkingTreeSkips.canList(path)) {
                report(WorkingTreeSkips.unreadableDirectory(directory, new AccessDeniedException(directory)));
                return false;
            }
            return true;
        }

        private void report(Skipped skip) {
            if (skip != null && reported.add(skip.origin().path())) {
                skipped.accept(skip);
            }
        }

        private static boolean isGitDirectory(String path) {
            return path.equals(".git") || path.startsWith(".git/") || path.contains("/.git/") || path.endsWith("/.git");
        }
    }
}
