package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NPY_DICT =
            Pattern.compile("\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), \\} *\n");

    @TempDir
    Path root;

    @Test
    void writesManifestChunksAndVectorsThatReadBack() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();

        List<String> files = new NativeWriter().write(root, EmbedTestData.spec(rows.size()), VectorSource.of(rows));

        assertThat(files)
                .containsExactly(
                        "META-INF/gigachat/embeddings/chunks.jsonl",
                        "META-INF/gigachat/embeddings/manifest.json",
                        "META-INF/gigachat/embeddings/vectors.npy");
        Path dir = root.resolve("META-INF/gigachat/embeddings");
        assertThat(dir).isDirectoryContaining("glob:**/chunks.jsonl");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("chunks.jsonl", "manifest.json", "vectors.npy");
        }

        // chunks.jsonl: one object per line, in row order
        String jsonl = Files.readString(dir.resolve("chunks.jsonl"), StandardCharsets.UTF_8);
        assertThat(jsonl).endsWith("\n").doesNotContain("\r");
        String[] lines = jsonl.split("\n", -1);
        assertThat(lines).hasSize(rows.size() + 1);
        assertThat(lines[rows.size()]).isEmpty();
        for (int i = 0; i < rows.size(); i++) {
            Chunk expected = rows.get(i).chunk();
            JsonNode line = MAPPER.readTree(lines[i]);
            assertThat(fieldNames(line))
                    .containsExactly("id", "source", "index", "start", "end", "sha256", "headings", "text");
            assertThat(line.get("id").asText()).isEqualTo(EmbedJson.chunkId(expected));
            assertThat(line.get("source").asText()).isEqualTo(expected.source());
            assertThat(line.get("index").asInt()).isEqualTo(expected.index());
            assertThat(line.get("start").asInt()).isEqualTo(expected.start());
            assertThat(line.get("end").asInt()).isEqualTo(expected.end());
            assertThat(line.get("sha256").asText()).isEqualTo(expected.sha256());
            List<String> headings = new ArrayList<>();
            line.get("headings").forEach(h -> headings.add(h.asText()));
            assertThat(headings).isEqualTo(expected.headings());
            assertThat(line.get("text").asText()).isEqualTo(expected.text());
        }
        // Russian stays readable UTF-8, not \\u escapes
        assertThat(jsonl).contains("Плагин вычисляет векторы при сборке.");

        // vectors.npy: parsed by hand
        byte[] npy = Files.readAllBytes(dir.resolve("vectors.npy"));
        float[][] matrix = readNpy(npy);
        assertThat(matrix).hasNumberOfRows(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(matrix[i]).containsExactly(rows.get(i).vector());
        }
        assertThat(Float.floatToRawIntBits(matrix[0][2])).isEqualTo(Float.floatToRawIntBits(-0.0f));

        // manifest.json
        String manifestText = Files.readString(dir.resolve("manifest.json"));
        assertThat(manifestText).endsWith("}\n").doesNotContain("\r").contains("\"model\": \"Embeddings\"");
        JsonNode manifest = MAPPER.readTree(manifestText);
        assertThat(manifest.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(manifest.get("model").asText()).isEqualTo("Embeddings");
        assertThat(manifest.get("dimensions").asInt()).isEqualTo(EmbedTestData.DIMENSIONS);
        assertThat(manifest.get("count").asInt()).isEqualTo(rows.size());
        assertThat(manifest.get("emulated").isBoolean()).isTrue();
        assertThat(manifest.get("emulated").asBoolean()).isFalse();
        assertThat(manifest.get("pluginVersion").asText()).isEqualTo("1.2.3-TEST");
        assertThat(manifest.at("/chunker/maxChunkTokens").asInt()).isEqualTo(512);
        assertThat(manifest.at("/chunker/overlapTokens").asInt()).isEqualTo(32);
        assertThat(manifest.at("/chunker/fingerprint").asText()).isEqualTo("chunker-v1;max=512;overlap=32");
        assertThat(manifest.at("/chunks/file").asText()).isEqualTo("chunks.jsonl");
        assertThat(manifest.at("/chunks/sha256").asText()).isEqualTo(sha256(jsonl.getBytes(StandardCharsets.UTF_8)));
        assertThat(manifest.at("/vectors/file").asText()).isEqualTo("vectors.npy");
        assertThat(manifest.at("/vectors/dtype").asText()).isEqualTo("float32");
        assertThat(manifest.at("/vectors/byteOrder").asText()).isEqualTo("little-endian");
        assertThat(manifest.at("/vectors/headerBytes").asInt()).isEqualTo(128);
        assertThat(manifest.at("/vectors/sha256").asText()).isEqualTo(sha256(npy));
        assertThat(manifest.get("sources").toString())
                .isEqualTo("[{\"path\":\"README.md\",\"firstRow\":0,\"chunks\":2},"
                        + "{\"path\":\"docs/guide.ru.md\",\"firstRow\":2,\"chunks\":2},"
                        + "{\"path\":\"docs/notes.txt\",\"firstRow\":4,\"chunks\":2}]");
    }

    @Test
    void emulatedIsRecordedInTheManifest() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        OutputSpec spec = new OutputSpec(
                "EmbeddingsGigaR", EmbedTestData.DIMENSIONS, rows.size(), new ChunkerSettings(64, 0), "0.1.0", true);

        new NativeWriter().write(root, spec, VectorSource.of(rows));

        JsonNode manifest = MAPPER.readTree(
                root.resolve("META-INF/gigachat/embeddings/manifest.json").toFile());
        assertThat(manifest.get("emulated").asBoolean()).isTrue();
        assertThat(manifest.get("model").asText()).isEqualTo("EmbeddingsGigaR");
    }

    @Test
    void npyHeaderIsPaddedToSixtyFourBytes() {
        for (int[] shape :
                new int[][] {{0, 0}, {0, 1024}, {1, 1}, {6, 16}, {50_000, 1024}, {Integer.MAX_VALUE, 4096}}) {
            byte[] header = NativeWriter.npyHeader(shape[0], shape[1]);
            assertThat(header.length % 64)
                    .as("shape %s x %s", shape[0], shape[1])
                    .isZero();
            assertThat(header.length).isEqualTo(NativeWriter.npyHeaderLength(shape[0], shape[1]));
            assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
            int declared = (header[8] & 0xff) | (header[9] & 0xff) << 8;
            assertThat(declared).isEqualTo(header.length - 10);
            Matcher matcher = NPY_DICT.matcher(new String(header, 10, declared, StandardCharsets.US_ASCII));
            assertThat(matcher.matches()).isTrue();
            assertThat(matcher.group(1)).isEqualTo(Integer.toString(shape[0]));
            assertThat(matcher.group(2)).isEqualTo(Integer.toString(shape[1]));
        }
    }

    @Test
    void emptyOutputIsAZeroRowMatrix() throws Exception {
        new NativeWriter().write(root, EmbedTestData.spec(0), VectorSource.of(List.of()));

        Path dir = root.resolve("META-INF/gigachat/embeddings");
        assertThat(dir.resolve("chunks.jsonl")).isEmptyFile();
        assertThat(readNpy(Files.readAllBytes(dir.resolve("vectors.npy")))).isEmpty();
        JsonNode manifest = MAPPER.readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.get("count").asInt()).isZero();
        assertThat(manifest.get("sources").size()).isZero();
    }

    @Test
    void numpyLoadsTheMatrix() throws Exception {
        Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy is not installed");
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        new NativeWriter().write(root, EmbedTestData.spec(rows.size()), VectorSource.of(rows));
        Path npy = root.resolve("META-INF/gigachat/embeddings/vectors.npy");

        String script = String.join(
                "\n",
                "import hashlib, io, sys, numpy",
                "a = numpy.load(sys.argv[1], allow_pickle=False)",
                "saved = io.BytesIO()",
                "numpy.save(saved, a)",
                "m = numpy.load(sys.argv[1], mmap_mode='r')",
                "print(a.dtype.str, a.shape[0], a.shape[1], a.flags['C_CONTIGUOUS'], m.shape == a.shape)",
                "print(hashlib.sha256(a.astype('<f4').tobytes()).hexdigest())",
                "print('%.9g' % a[3, 7])",
                "print(saved.getvalue() == open(sys.argv[1], 'rb').read())");
        List<String> out = python(script, npy.toString());

        assertThat(out.get(0)).isEqualTo("<f4 " + rows.size() + " " + EmbedTestData.DIMENSIONS + " True True");
        ByteBuffer expected =
                ByteBuffer.allocate(rows.size() * EmbedTestData.DIMENSIONS * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (EmbeddedChunk row : rows) {
            for (float v : row.vector()) {
                expected.putFloat(v);
            }
        }
        assertThat(out.get(1)).isEqualTo(sha256(expected.array()));
        assertThat(Float.parseFloat(out.get(2))).isEqualTo(rows.get(3).vector()[7]);
        assertThat(out.get(3)).as("numpy.save writes the same bytes").isEqualTo("True");
    }

    @Test
    void numpyLoadsAnEmptyMatrix() throws Exception {
        Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy is not installed");
        new NativeWriter().write(root, EmbedTestData.spec(0), VectorSource.of(List.of()));

        List<String> out = python(
                "import sys, numpy\na = numpy.load(sys.argv[1])\nprint(a.dtype.str, a.shape)",
                root.resolve("META-INF/gigachat/embeddings/vectors.npy").toString());

        assertThat(out).containsExactly("<f4 (0, " + EmbedTestData.DIMENSIONS + ")");
    }

    /** Reads a version 1.0 little-endian float32 C-order .npy file, checking its header as NumPy would. */
    static float[][] readNpy(byte[] npy) {
        assertThat(npy)
                .startsWith(
                        (byte) 0x93, (byte) 'N', (byte) 'U', (byte) 'M', (byte) 'P', (byte) 'Y', (byte) 1, (byte) 0);
        int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        assertThat((10 + headerLength) % 64).isZero();
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        Matcher matcher = NPY_DICT.matcher(header);
        assertThat(matcher.matches()).as(header).isTrue();
        int rows = Integer.parseInt(matcher.group(1));
        int columns = Integer.parseInt(matcher.group(2));
        assertThat(npy.length).isEqualTo(10 + headerLength + rows * columns * 4);
        ByteBuffer data = ByteBuffer.wrap(npy, 10 + headerLength, rows * columns * 4)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        float[][] matrix = new float[rows][columns];
        for (float[] row : matrix) {
            for (int j = 0; j < columns; j++) {
                row[j] = data.getFloat();
            }
        }
        return matrix;
    }

    static boolean numpyAvailable() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import numpy")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static List<String> python(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
