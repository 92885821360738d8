package io.github.gigachat.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * A regular file of a working tree, listed with its size and read from disk only when scanned. Opening never follows
 * a symbolic link, so a file replaced by a link after it was listed is not read through it.
 */
public final class FileItem implements ScanItem {
    /** The largest array a JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Path file;
    private final Origin origin;
    private final long size;

    public FileItem(Path file, String relativePath, long size) {
        this.file = Objects.requireNonNull(file, "file");
        this.origin = Origin.file(relativePath);
        this.size = size;
    }

    @Override
    public Origin origin() {
        return origin;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] read(long limit) throws IOException {
        long cap = Math.min(limit, MAX_ARRAY);
        try (SeekableByteChannel channel =
                Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long current = channel.size();
            if (current > cap) {
                throw new ScanItem.TooLargeException(limit);
            }
            ByteBuffer content = ByteBuffer.allocate((int) current);
            while (content.hasRemaining()) {
                if (channel.read(content) < 0) {
                    return Arrays.copyOf(content.array(), content.position()); // shrank since it was sized
                }
            }
            ByteBuffer more = ByteBuffer.allocate(1);
            if (channel.read(more) < 0) {
                return content.array();
            }
            return readGrown(channel, content, more, cap, limit);
        }
    }

    /** The rare file that grew while it was read: go on until its end, never past the limit. */
    private static byte[] readGrown(
            SeekableByteChannel channel, ByteBuffer head, ByteBuffer firstMore, long cap, long limit)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(cap + 1, Math.max(head.capacity() * 2L, 8192)));
        buffer.put(head.flip()).put(firstMore.flip());
        while (true) {
            if (!buffer.hasRemaining()) {
                if (buffer.position() > cap) {
                    throw new ScanItem.TooLargeException(limit);
                }
                ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(cap + 1, buffer.capacity() * 2L));
                buffer = bigger.put(buffer.flip());
            }
            if (channel.read(buffer) < 0) {
                if (buffer.position() > cap) {
                    throw new ScanItem.TooLargeException(limit);
                }
                return Arrays.copyOf(buffer.array(), buffer.position());
            }
        }
    }

    @Override
    public String toString() {
        return origin.toString();
    }
}
