package io.github.gigachat.embed;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes every format for {@code count} chunks of {@code dimensions} computed vectors, none of them stored: run by
 * {@link LargeOutputTest} in a JVM with a small heap, to show that the writers stream.
 *
 * <p>Arguments: output root, count, dimensions. Prints one line per format and the heap figures.
 */
public final class LargeOutputMain {
    static final int CHUNKS_PER_FILE = 100;

    private LargeOutputMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int dimensions = Integer.parseInt(args[2]);
        OutputSpec spec =
                new OutputSpec("Embeddings", dimensions, count, new ChunkerSettings(512, 0), "0.1.0-LARGE", true);
        VectorSource source = () -> new VectorSource.Cursor() {
            int row;

            @Override
            public EmbeddedChunk next() {
                return row < count ? row(row++, dimensions) : null;
            }
        };
        for (String format : EmbeddingWriter.FORMATS) {
            long start = System.nanoTime();
            List<String> files = EmbeddingWriter.forFormat(format).write(root, spec, source);
            System.out.println(format + " " + (System.nanoTime() - start) / 1_000_000 + " ms " + files);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("maxHeap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, peak heap pools sum "
                + peak / (1024 * 1024) + " MiB");
    }

    /** Row {@code i}: file {@code i / 100}, chunk {@code i % 100}, and a vector computed from {@code i}. */
    static EmbeddedChunk row(int i, int dimensions) {
        String source = String.format("docs/file-%05d.md", i / CHUNKS_PER_FILE);
        int index = i % CHUNKS_PER_FILE;
        String text = "Chunk " + index + " of " + source + ": a paragraph about the build, о сборке.";
        int start = index * 100;
        Chunk chunk = new Chunk(
                source,
                index,
                start,
                start + text.length(),
                EmbedTestData.sha256(text),
                text,
                List.of("File " + i / CHUNKS_PER_FILE));
        return new EmbeddedChunk(chunk, vector(i, dimensions));
    }

    static float[] vector(int i, int dimensions) {
        float[] vector = new float[dimensions];
        for (int j = 0; j < dimensions; j++) {
            vector[j] = ((i * 31L + j * 17L) % 2001 - 1000) / 1000f;
        }
        return vector;
    }
}
