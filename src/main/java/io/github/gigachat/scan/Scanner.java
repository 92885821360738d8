package io.github.gigachat.scan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

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

    /**
     * Lists every source and, while it lists, reads and scans the items listed so far: the calling thread lists while
     * {@code threads - 1} others scan, and joins them once the listing is done. Results come in a stable order
     * whatever the threads did.
     */
    public ScanOutput scan(List<ContentSource> sources) throws IOException {
        List<Skipped> skipped = new ArrayList<>();
        List<Hit> hits = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        for (ItemResult result : scanWhileListing(sources, skipped)) {
            hits.addAll(result.hits);
            skipped.addAll(result.skipped);
            files += result.files;
            bytes += result.bytes;
        }
        hits.sort(ORDER);
        return new ScanOutput(hits, skipped, files, bytes);
    }

    /** The result of every item listed, in the order listed; what the listing skipped goes to {@code skipped}. */
    private ItemResult[] scanWhileListing(List<ContentSource> sources, List<Skipped> skipped) throws IOException {
        BlockingQueue<Listed> queue = new LinkedBlockingQueue<>();
        int helpers = threads - 1;
        ExecutorService pool = helpers == 0
                ? null
                : Executors.newFixedThreadPool(helpers, runnable -> {
                    Thread thread = new Thread(runnable, "gigachat-scan");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<List<ItemResult>>> helped = new ArrayList<>();
            for (int i = 0; i < helpers; i++) {
                helped.add(pool.submit(() -> scanListed(queue)));
            }
            int listed = list(sources, queue, skipped);
            for (int i = 0; i < threads; i++) {
                queue.add(Listed.END);
            }
            ItemResult[] results = new ItemResult[listed];
            place(scanListed(queue), results);
            for (Future<List<ItemResult>> future : helped) {
                place(future.get(), results);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("The scan was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } finally {
            if (pool != null) {
                pool.shutdownNow(); // after a failed listing, the helpers stop waiting for items
            }
        }
    }

    /** Offers every item of every source to the queue, numbered in the order listed; returns how many. */
    private static int list(List<ContentSource> sources, BlockingQueue<Listed> queue, List<Skipped> skipped)
            throws IOException {
        int[] count = {0};
        for (ContentSource source : sources) {
            source.list(item -> queue.add(new Listed(count[0]++, item)), skipped::add);
        }
        return count[0];
    }

    /** Scans items from the queue until its end; the results carry the number each item was listed with. */
    private List<ItemResult> scanListed(BlockingQueue<Listed> queue) throws InterruptedException {
        List<ItemResult> results = new ArrayList<>();
        for (Listed listed = queue.take(); listed != Listed.END; listed = queue.take()) {
            ItemResult result = scan(listed.item());
            result.index = listed.index();
            results.add(result);
        }
        return results;
    }

    private static void place(List<ItemResult> scanned, ItemResult[] results) {
        for (ItemResult result : scanned) {
            results[result.index] = result;
        }
    }

    /** An item and its number in the listing; {@link #END} tells a scanning thread that the listing is done. */
    private record Listed(int index, ScanItem item) {
        static final Listed END = new Listed(-1, null);
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
        int index;
        final List<Hit> hits = new ArrayList<>();
        final List<Skipped> skipped = new ArrayList<>();
        long files;
        long bytes;
    }
}
