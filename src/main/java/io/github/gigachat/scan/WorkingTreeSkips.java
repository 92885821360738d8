package io.github.gigachat.scan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rules both working-tree sources ({@link PlainTree} and git's) share for what they do not read, and the words
 * that tell a user why: symbolic links are never followed, unreadable files and directories are reported.
 */
public final class WorkingTreeSkips {
    static final String LINK_OUTSIDE = "symbolic link to a path outside the scanned directory, not followed";

    private WorkingTreeSkips() {}

    /**
     * A symbolic link is never followed. One whose target lies outside the scanned directory is reported; one that stays
     * inside is not (its target is scanned where it lies).
     *
     * @param realRoot the scanned directory, {@link Path#toRealPath real}
     * @param link the link, under {@code realRoot}
     */
    public static Optional<Skipped> symbolicLink(Path realRoot, Path link, String relativePath) {
        return staysInside(realRoot, link)
                ? Optional.empty()
                : Optional.of(new Skipped(Origin.file(relativePath), LINK_OUTSIDE));
    }

    private static boolean staysInside(Path realRoot, Path link) {
        try {
            return link.toRealPath().startsWith(realRoot);
        } catch (IOException dangling) {
            // No target to resolve (or a loop): judge the path it names, relative to the link's directory.
            try {
                return link.resolveSibling(Files.readSymbolicLink(link))
                        .normalize()
                        .startsWith(realRoot);
            } catch (IOException | UnsupportedOperationException unreadable) {
                return false;
            }
        }
    }

    /** A directory that could not be listed. */
    public static Skipped unreadableDirectory(String relativePath, IOException cause) {
        return new Skipped(Origin.file(relativePath), "directory not readable (" + why(cause) + ")");
    }

    /** A file that the scan has no permission to read. */
    public static Skipped unreadableFile(String relativePath) {
        return new Skipped(Origin.file(relativePath), "file not readable (permission denied)");
    }

    /** True, after reporting it, when the scanned directory itself cannot be listed: a walk then offers nothing. */
    public static boolean unlistableRoot(Path scanned, Consumer<Skipped> skipped) {
        if (canList(scanned)) {
            return false;
        }
        skipped.accept(unreadableDirectory(".", new AccessDeniedException(scanned.toString())));
        return true;
    }

    /** True when this process may list the directory (read and search permission). */
    public static boolean canList(Path directory) {
        return Files.isReadable(directory) && Files.isExecutable(directory);
    }

    private static String why(IOException cause) {
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof NoSuchFileException) {
            return "removed while scanning";
        }
        if (cause instanceof FileSystemException && ((FileSystemException) cause).getReason() != null) {
            return ((FileSystemException) cause).getReason();
        }
        return cause.getClass().getSimpleName();
    }
}
