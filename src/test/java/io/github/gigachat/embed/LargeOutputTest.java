package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every format for 20,000 vectors of 1,024 dimensions (set {@code -Dgigachat.embed.largeCount=50000} for the full
 * target), computed on the fly, written by a separate JVM limited to {@code -Xmx256m}: the vectors alone would take
 * 80 MB (200 MB for 50,000), and the JSON outputs several times more, so the writers must stream. No timing assertions.
 */
@Tag("large")
class LargeOutputTest {
    private static final int DIMENSIONS = 1024;
    private static final String DIR = "META-INF/gigachat/embeddings/";

    @TempDir
    Path root;

    @Test
    void allFormatsStreamUnderA256MegabyteHeap() throws Exception {
        int count = Integer.getInteger("gigachat.embed.largeCount", 20_000);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-Xmx256m",
                        "-cp",
                        classpath,
                        LargeOutputMain.class.getName(),
                        root.toString(),
                        Integer.toString(count),
                        Integer.toString(DIMENSIONS))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("maxHeap ");

        // vectors.npy: exact size, header, and a few rows
        Path npy = root.resolve(DIR + "vectors.npy");
        int header = NativeWriter.npyHeaderLength(count, DIMENSIONS);
        assertThat(Files.size(npy)).isEqualTo(header + (long) count * DIMENSIONS * Float.BYTES);
        try (FileChannel channel = FileChannel.open(npy)) {
            ByteBuffer head = ByteBuffer.allocate(header);
            channel.read(head, 0);
            assertThat(head.array()).isEqualTo(NativeWriter.npyHeader(count, DIMENSIONS));
            for (int row : new int[] {0, 1, count / 2, count - 1}) {
                ByteBuffer bytes = ByteBuffer.allocate(DIMENSIONS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(bytes, header + (long) row * DIMENSIONS * Float.BYTES);
                bytes.flip();
                float[] vector = new float[DIMENSIONS];
                bytes.asFloatBuffer().get(vector);
                assertThat(vector).as("row %s", row).containsExactly(LargeOutputMain.vector(row, DIMENSIONS));
            }
        }

        // chunks.jsonl: one line per row, in order
        int lines = 0;
        String last = null;
        try (BufferedReader reader = Files.newBufferedReader(root.resolve(DIR + "chunks.jsonl"))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                last = line;
            }
        }
        assertThat(lines).isEqualTo(count);
        JsonNode lastChunk = JsonTrees.MAPPER.readTree(last);
        EmbeddedChunk lastRow = LargeOutputMain.row(count - 1, DIMENSIONS);
        assertThat(lastChunk.get("source").asText()).isEqualTo(lastRow.chunk().source());
        assertThat(lastChunk.get("index").asInt()).isEqualTo(lastRow.chunk().index());

        JsonNode manifest =
                JsonTrees.MAPPER.readTree(root.resolve(DIR + "manifest.json").toFile());
        assertThat(manifest.get("count").asInt()).isEqualTo(count);
        assertThat(manifest.get("sources").size()).isEqualTo((count + 99) / 100);

        // the JSON formats: every entry, read by a streaming parser, with one vector checked
        int middle = count / 2;
        List<float[]> springAi = new ArrayList<>();
        assertThat(countEntries(root.resolve(DIR + "spring-ai-vector-store.json"), "embedding", middle, springAi))
                .isEqualTo(count);
        List<float[]> langChain4j = new ArrayList<>();
        assertThat(countEntries(root.resolve(DIR + "langchain4j-embedding-store.json"), "vector", middle, langChain4j))
                .isEqualTo(count);
        assertThat(springAi.get(0)).containsExactly(LargeOutputMain.vector(middle, DIMENSIONS));
        assertThat(langChain4j.get(0)).containsExactly(LargeOutputMain.vector(middle, DIMENSIONS));
    }

    /** Counts the arrays named {@code field} in the file; keeps the one at position {@code keep}. */
    private static int countEntries(Path file, String field, int keep, List<float[]> kept) throws Exception {
        int found = 0;
        try (InputStream in = Files.newInputStream(file);
                JsonParser parser = JsonTrees.MAPPER.getFactory().createParser(in)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && parser.currentName().equals(field)) {
                    parser.nextToken();
                    if (found == keep) {
                        kept.add(parser.readValueAs(float[].class));
                    } else {
                        parser.skipChildren();
                    }
                    found++;
                }
            }
        }
        return found;
    }
}
