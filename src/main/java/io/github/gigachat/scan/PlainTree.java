package io.github.gigachat.scan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every regular file under a directory that is not in git, except {@code .git/} directories and Maven's output (a
 * {@code target} directory next to a {@code pom.xml}). Lists in the order git sorts paths, never follows a symbolic
 * link, and reports what it cannot read instead of failing.
 */
public final class PlainTree implements ContentSource {
    private static final Comparator<Entry> GIT_ORDER = Comparator.comparing(Entry::sortKey);

    private final Path directory;

    public PlainTree(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public void list(Consumer<ScanItem> items, Consumer<Skipped> skipped) throws IOException {
        Path root = directory.toRealPath();
        new Walk(root, items, skipped).directory(root, "");
    }

    /** One directory entry, with the attributes of the entry itself (never of a link's target). */
    private record Entry(Path path, String name, BasicFileAttributes attributes) {
        /** Git's order: a directory sorts as if its name ended with '/'. */
        String sortKey() {
            return attributes.isDirectory() ? name + '/' : name;
        }
    }

    private record Walk(Path root, Consumer<ScanItem> items, Consumer<Skipped> skipped) {
        void directory(Path dir, String prefix) {
            List<Entry> entries;
            try {
                entries = entries(dir);
            } catch (IOException e) {
                skipped.accept(WorkingTreeSkips.unreadableDirectory(prefix.isEmpty() ? "." : prefix, e));
                return;
            }
            boolean mavenProject = entries.stream()
                    .anyMatch(e -> e.name().equals("pom.xml") && e.attributes().isRegularFile());
            for (Entry entry : entries) {
                String path = prefix.isEmpty() ? entry.name() : prefix + '/' + entry.name();
                BasicFileAttributes attributes = entry.attributes();
                if (attributes.isSymbolicLink()) {
                    WorkingTreeSkips.symbolicLink(root, entry.path(), path).ifPresent(skipped);
                } else if (attributes.isDirectory()) {
                    if (!entry.name().equals(".git")
                            && !(mavenProject && entry.name().equals("target"))) {
                        directory(entry.path(), path);
                    }
                } else if (attributes.isRegularFile()) {
                    if (Files.isReadable(entry.path())) {
                        items.accept(new FileItem(entry.path(), path, attributes.size()));
                    } else {
                        skipped.accept(WorkingTreeSkips.unreadableFile(path));
                    }
                }
                // Sockets, pipes and devices are not files anyone commits: left out silently, never opened.
            }
        }

        private static List<Entry> entries(Path dir) throws IOException {
            if (!WorkingTreeSkips.canList(dir)) {
                throw new java.nio.file.AccessDeniedException(dir.toString());
            }
            List<Entry> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path path : stream) {
                    BasicFileAttributes attributes;
                    try {
                        attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (java.nio.file.NoSuchFileException removed) {
                        continue;
                    }
                    entries.add(new Entry(path, path.getFileName().toString(), attributes));
                }
            }
            entries.sort(GIT_ORDER);
            return entries;
        }
    }
}
