package io.github.gigachat.scan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads what the sources list, on several threads, and runs the {@link KeyDetector} over each text: files, one level
 * into {@code .jar}/{@code .zip}/{@code .war} archives, and history blobs. Each byte is read once; one bad item (too
 * large, unreadable, a broken archive) becomes a {@link Skipped}, never a failure of the scan.
 */
public final class Scanner {
    private static final Comparator<Hit> ORDER = Comparator.comparing(
                    (Hit h) -> h.origin().path())
            .thenComparing(h -> h.origin().commit() == null ? "" : h.origin().commit())
            .thenComparingInt(h -> h.finding().line())
            .thenComparingInt(h -> h.finding().column())
            .thenComparing(h -> h.finding().kind());

    private final KeyDetector detector = new KeyDetector();
    private final long maxFileBytes;
    private final int threads;
    private final String limitName;

    /**
     * @param maxFileBytes larger files, archive entries and blobs are skipped
     * @param threads how many items are read and scanned at once
     * @param limitName what the user sets to change {@code maxFileBytes}, for the skip message
     */
    public Scanner(long maxFileBytes, int threads, String limitName) {
        if (maxFileBytes <= 0 || threads <= 0) {
            throw new IllegalArgumentException("maxFileBytes and threads must be positive");
        }
        this.maxFileBytes = maxFileBytes;
        this.threads = threads;
        this.limitName = limitName;
    }

    /** Lists every source, then reads and scans all items; results in a stable order whatever the threads did. */
    public ScanOutput scan(List<ContentSource> sources) throws IOException {
        List<ScanItem> items = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (ContentSource source : sources) {
            source.list(items::add, skipped::add);
        }
        ItemResult[] results = new ItemResult[items.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                results[i] = scan(items.get(i));
            }
        };
        runOnThreads(worker, Math.min(threads, Math.max(1, items.size())));
        List<Hit> hits = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        for (ItemResult result : results) {
            hits.addAll(result.hits);
            skipped.addAll(result.skipped);
            files += result.files;
            bytes += result.bytes;
        }
        hits.sort(ORDER);
        return new ScanOutput(hits, skipped, files, bytes);
    }

    private static void runOnThreads(Runnable worker, int count) throws IOException {
        if (count == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "gigachat-scan");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("The scan was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private ItemResult scan(ScanItem item) {
        ItemResult result = new ItemResult();
        Origin origin = item.origin();
        if (item.size() > maxFileBytes) {
            result.skipped.add(tooLarge(origin));
            return result;
        }
        byte[] content;
        try {
            content = item.read(maxFileBytes);
        } catch (ScanItem.TooLargeException e) {
            result.skipped.add(tooLarge(origin));
            return result;
        } catch (IOException | RuntimeException e) {
            result.skipped.add(new Skipped(origin, "cannot be read: " + describe(e)));
            return result;
        }
        if (!origin.insideArchive() && Archives.isArchive(origin.path())) {
            Archives.forEachEntry(
                    origin,
                    content,
                    maxFileBytes,
                    (entry, bytes) -> scanText(entry, bytes, result),
                    result.skipped::add,
                    this::tooLarge);
        } else {
            scanText(origin, content, result);
        }
        return result;
    }

    private void scanText(Origin origin, byte[] content, ItemResult result) {
        result.files++;
        result.bytes += content.length;
        for (KeyFinding finding : Texts.detect(detector, content)) {
            result.hits.add(new Hit(origin, finding));
        }
    }

    private Skipped tooLarge(Origin origin) {
        return new Skipped(origin, "larger than " + maxFileBytes + " bytes (" + limitName + "), not scanned");
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static final class ItemResult {
        final List<Hit> hits = new ArrayList<>();
        final List<Skipped> skipped = new ArrayList<>();
        long files;
        long bytes;
    }
}
