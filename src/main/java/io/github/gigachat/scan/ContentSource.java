package io.github.gigachat.scan;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * What to scan: the files of a working tree (with or without git) or the blobs of a git history. Lists items in a
 * stable order; the scanner reads them, on several threads.
 */
public interface ContentSource {
    /**
     * Offers every item, and reports what it leaves out on purpose and a user should know about (a symlink leaving the
     * tree, an unreadable directory): never silently, never a crash.
     */
    void list(Consumer<ScanItem> items, Consumer<Skipped> skipped) throws IOException;
}
