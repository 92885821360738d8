package io.github.gigachat.embed;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An output file being written: the bytes go to a temporary sibling ({@code .name.<random>.tmp}, same directory, so
 * the final move is a rename), which {@link #commit()} then moves over the target atomically, or deletes if the target
 * already holds exactly these bytes, so that an unchanged output keeps its modification time. Closing an uncommitted
 * file deletes the temporary file: a failed write replaces nothing and leaves nothing behind.
 */
final class StagedFile implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean open = true;
    private boolean finished;

    private StagedFile(Path target, Path temp, OutputStream out) {
        this.target = target;
        this.temp = temp;
        this.out = out;
    }

    /** Creates the directory if needed and a new temporary file next to {@code target}. */
    static StagedFile create(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        String name = target.getFileName().toString();
        while (true) {
            // not Files.createTempFile: its files are owner-only (0600) on POSIX, and the temp file becomes the output
            Path temp = directory.resolve("." + name + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
            try {
                OutputStream stream = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW);
                return new StagedFile(target, temp, new BufferedOutputStream(stream, BUFFER));
            } catch (FileAlreadyExistsException e) {
                // another name
            }
        }
    }

    /** Where to write the content; do not close it, {@link #commit()} does. */
    OutputStream stream() {
        return out;
    }

    Path target() {
        return target;
    }

    /**
     * Finishes the file: moves it over the target, unless the target has the same content.
     *
     * @return true if the target was replaced or created, false if it was already up to date
     */
    boolean commit() throws IOException {
        closeStream();
        boolean same = Files.isRegularFile(target)
                && Files.size(target) == Files.size(temp)
                && Files.mismatch(target, temp) == -1L;
        if (same) {
            Files.delete(temp);
        } else {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finished = true;
        return !same;
    }

    /** Discards the temporary file unless {@link #commit()} succeeded. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            closeStream();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void closeStream() throws IOException {
        if (open) {
            open = false;
            out.close();
        }
    }
}
