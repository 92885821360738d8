package io.github.gigachat.embed;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;

/**
 * A dry run of {@code gigachat:embed} over a large documentation tree, run by {@link LargeDryRunTest} in a JVM with a
 * small heap: the tree is several times the heap, so the run must not hold the texts of all files.
 *
 * <p>Arguments: {@code generate <project> <megabytes> <kilobytes per file>} writes the tree (in any JVM);
 * {@code run <project>} makes the dry run and prints the report's figures and the heap figures.
 */
public final class LargeDryRunMain {
    private LargeDryRunMain() {}

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[1]);
        if (args[0].equals("generate")) {
            generate(project.resolve("docs"), Long.parseLong(args[2]) << 20, Integer.parseInt(args[3]) << 10);
            return;
        }
        long start = System.nanoTime();
        EmbedReport report = new EmbedRun(
                        settings(project),
                        new EmbedRun.Log() {
                            @Override
                            public void info(String message) {}

                            @Override
                            public void warn(String message) {
                                System.out.println("WARN " + message);
                            }
                        },
                        Clock.systemUTC())
                .run(() -> {
                    throw new AssertionError("a dry run asks for no session");
                });
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("files " + report.files() + " chunks " + report.chunks() + " newChunks "
                + report.newChunks() + " estimatedTokens " + report.estimatedTokens() + " dryRun " + report.dryRun()
                + " ms " + (System.nanoTime() - start) / 1_000_000);
        System.out.println("maxHeap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, peak heap pools sum "
                + peak / (1024 * 1024) + " MiB");
    }

    static EmbedRun.Settings settings(Path project) {
        return new EmbedRun.Settings(
                project,
                List.of(FileSetSpec.of(project.resolve("docs"))),
                "Embeddings",
                new ChunkerSettings(512, 0),
                16,
                4,
                project.resolve("target/gigachat/cache"),
                project.resolve("target/generated-resources/gigachat"),
                project.resolve("target/gigachat/embed-state.json"),
                project.resolve("target/gigachat/embed-report.json"),
                List.of("native"),
                null,
                true,
                40,
                false,
                10_485_760,
                "large");
    }

    /** Markdown files of about {@code fileBytes} each, {@code totalBytes} in all, in directories of 100 files. */
    static void generate(Path docs, long totalBytes, int fileBytes) throws IOException {
        Random random = new Random(42);
        long written = 0;
        for (int file = 0; written < totalBytes; file++) {
            Path path = docs.resolve(String.format("part-%03d/page-%05d.md", file / 100, file));
            Files.createDirectories(path.getParent());
            String text = TextChunkerTest.generate(random, fileBytes / 2);
            try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                out.write(text);
            }
            written += Files.size(path);
        }
    }
}
