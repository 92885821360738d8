package io.github.gigachat.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A {@link ContentSource} of texts held in memory, for tests; counts the reads. */
final class MemorySource implements ContentSource {
    private final List<ScanItem> items = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    final AtomicInteger reads = new AtomicInteger();

    MemorySource add(String path, String text) {
        return add(new Origin(path, null), text.getBytes(StandardCharsets.UTF_8));
    }

    MemorySource add(Origin origin, byte[] content) {
        return add(origin, content, content.length);
    }

    /** An item that claims {@code size} (-1: unknown) whatever its content. */
    MemorySource add(Origin origin, byte[] content, long size) {
        items.add(new ScanItem() {
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
                reads.incrementAndGet();
                if (content.length > limit) {
                    throw new TooLargeException(limit);
                }
                return content.clone();
            }
        });
        return this;
    }

    MemorySource failing(String path, IOException failure) {
        items.add(new ScanItem() {
            @Override
            public Origin origin() {
                return Origin.file(path);
            }

            @Override
            public long size() {
                return 10;
            }

            @Override
            public byte[] read(long limit) throws IOException {
                throw failure;
            }
        });
        return this;
    }

    MemorySource skip(String path, String reason) {
        skipped.add(new Skipped(Origin.file(path), reason));
        return this;
    }

    @Override
    public void list(Consumer<ScanItem> out, Consumer<Skipped> skips) {
        items.forEach(out);
        skipped.forEach(skips);
    }
}
