package io.github.gigachat.embed;

import java.io.IOException;
import java.util.BitSet;
import java.util.List;

/**
 * The first pass of a run: every file read and split once, every chunk looked up in the cache. Keeps counts and the
 * files that hold something to embed, never texts: memory is bounded by the largest file, plus, while it runs, some 20
 * bytes per distinct text to embed (a {@link KeySet}, so that a text met twice counts once).
 *
 * @param rows rows the outputs will have (a chunk split into pieces counts its pieces)
 * @param cacheHits rows whose vector is cached
 * @param toEmbed distinct texts to embed (a text met twice is embedded once)
 * @param estimatedTokens estimated tokens of those texts, billing overhead included
 * @param filesToEmbed positions, in the file list, of the files holding texts to embed
 */
record EmbedPlan(long rows, long cacheHits, long toEmbed, long estimatedTokens, BitSet filesToEmbed) {

    static EmbedPlan make(List<InputFile> files, TextChunker chunker, CachedChunks cached) throws IOException {
        long rows = 0;
        long hits = 0;
        long estimatedTokens = 0;
        BitSet filesToEmbed = new BitSet(files.size());
        KeySet keysToEmbed = new KeySet();
        for (int i = 0; i < files.size(); i++) {
            for (Chunk chunk : chunker.split(files.get(i).read())) {
                for (CachedChunks.Leaf leaf : cached.leaves(chunk)) {
                    rows++;
                    if (leaf.cached()) {
                        hits++;
                    } else {
                        filesToEmbed.set(i);
                        if (keysToEmbed.add(leaf.key())) {
                            estimatedTokens +=
                                    TokenEstimator.estimate(leaf.chunk().text())
                                            + TokenEstimator.BILLING_OVERHEAD_PER_TEXT;
                        }
                    }
                }
            }
        }
        return new EmbedPlan(rows, hits, keysToEmbed.size(), estimatedTokens, filesToEmbed);
    }

    /** Counts the rows again: after texts were split while embedding, their pieces are rows too. */
    static long countRows(List<InputFile> files, TextChunker chunker, CachedChunks cached) throws IOException {
        long rows = 0;
        for (InputFile file : files) {
            for (Chunk chunk : chunker.split(file.read())) {
                rows += cached.leaves(chunk).size();
            }
        }
        return rows;
    }
}
