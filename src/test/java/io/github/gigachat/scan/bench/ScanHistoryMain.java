package io.github.gigachat.scan.bench;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the {@code git fast-import} stream of the history benchmark of {@code bench/scan-history.sh} to standard
 * output, and what it wrote to standard error:
 *
 * <pre>
 * java -cp target/test-classes:target/classes io.github.gigachat.scan.bench.ScanHistoryMain \
 *     [commits=3000] [files=2000] [bytes=8388608] [seed=1] | git fast-import --quiet
 * </pre>
 */
public final class ScanHistoryMain {
    private ScanHistoryMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 4) {
            System.err.println("usage: ScanHistoryMain [commits=3000] [files=2000] [bytes=8388608] [seed=1]");
            System.exit(2);
        }
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        long bytes = args.length > 2 ? Long.parseLong(args[2]) : 8L << 20;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        ScanHistory.Summary summary;
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16)) {
            summary = ScanHistory.write(out, commits, files, bytes, seed);
        }
        System.err.printf(
                "History: %,d commits, %,d blobs of %,d bytes in total, %,d files at HEAD, %d demo keys added and"
                        + " later removed (%d distinct), in commits %s%n",
                summary.commits(),
                summary.blobs(),
                summary.blobBytes(),
                summary.filesAtHead(),
                summary.planted().size(),
                summary.planted().stream()
                        .map(PlantedKey::fingerprint)
                        .distinct()
                        .count(),
                summary.planted().stream().map(k -> String.valueOf(k.commit())).toList());
    }
}
