package io.github.gigachat.scan;

import java.util.List;

/**
 * What the scanner read and found, before any live check.
 *
 * @param hits every key at every place, in a stable order (by origin, then position)
 * @param skipped what was not scanned and why
 * @param files files, archive entries and blobs whose text was scanned
 * @param bytes their total size
 */
public record ScanOutput(List<Hit> hits, List<Skipped> skipped, long files, long bytes) {
    public ScanOutput {
        hits = List.copyOf(hits);
        skipped = List.copyOf(skipped);
    }
}
