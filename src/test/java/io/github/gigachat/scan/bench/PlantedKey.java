package io.github.gigachat.scan.bench;

import io.github.gigachat.scan.KeyKind;

/**
 * A demo key planted in a generated tree or history: where the scan must report it, and its fingerprint.
 *
 * @param path the file, relative to the tree, with {@code /}
 * @param line 1-based line of the key (for a pair, of its secret)
 * @param commit 1-based number of the commit that added it (history), or 0 (working tree)
 * @param kind what the scan reports it as
 * @param fingerprint the fingerprint the scan reports
 * @param encoding how it is written, for people reading a failed test
 */
record PlantedKey(String path, int line, int commit, KeyKind kind, String fingerprint, String encoding) {}
