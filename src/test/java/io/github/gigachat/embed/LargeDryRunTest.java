package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run over a 160 MB documentation tree ({@code -Dgigachat.embed.largeDryRunMegabytes} to change it) in a
 * separate JVM limited to {@code -Xmx128m}: the texts alone are more than the heap (some 2,300 Markdown files, English
 * and Russian), so the run must keep no more than one file's text at a time. No timing assertions.
 */
@Tag("large")
class LargeDryRunTest {
    @TempDir
    Path project;

    @Test
    void aDryRunOverATreeLargerThanTheHeapSucceedsUnder128Megabytes() throws Exception {
        long megabytes = Long.getLong("gigachat.embed.largeDryRunMegabytes", 160);
        LargeDryRunMain.generate(project.resolve("docs"), megabytes << 20, 100 << 10);
        long bytes;
        long files;
        try (Stream<Path> walk = Files.walk(project.resolve("docs"))) {
            List<Path> generated = walk.filter(Files::isRegularFile).toList();
            files = generated.size();
            bytes = generated.stream().mapToLong(path -> path.toFile().length()).sum();
        }
        assertThat(bytes).isGreaterThanOrEqualTo(megabytes << 20);

        String output = runWithHeap("128m");

        assertThat(output).contains("dryRun true").doesNotContain("OutOfMemoryError");
        JsonNode report = JsonTrees.MAPPER.readTree(
                project.resolve("target/gigachat/embed-report.json").toFile());
        assertThat(report.path("outcome").asText()).isEqualTo("DRY_RUN");
        assertThat(report.path("files").asLong()).isEqualTo(files);
        assertThat(report.path("chunks").asLong()).isGreaterThan(bytes / 4096);
        assertThat(report.path("newChunks").asLong())
                .isPositive()
                .isLessThanOrEqualTo(report.path("chunks").asLong());
        assertThat(project.resolve("target/generated-resources")).doesNotExist();
    }

    private String runWithHeap(String heap) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                        java.toString(),
                        "-Xmx" + heap,
                        "-cp",
                        classpath,
                        LargeDryRunMain.class.getName(),
                        "run",
                        project.toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
