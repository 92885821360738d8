package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What all formats share: choice by name, determinism, atomic replacement, unchanged files, input checks. */
class EmbeddingWritersTest {
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));

    @TempDir
    Path root;

    @Test
    void writersAreChosenByFormatName() {
        assertThat(EmbeddingWriter.FORMATS).containsExactly("native", "spring-ai", "langchain4j");
        for (String format : EmbeddingWriter.FORMATS) {
            assertThat(EmbeddingWriter.forFormat(format).format()).isEqualTo(format);
        }
        assertThat(EmbeddingWriter.forFormat(" Spring-AI ")).isInstanceOf(SpringAiWriter.class);
        assertThat(EmbeddingWriter.forFormat("LANGCHAIN4J")).isInstanceOf(LangChain4jWriter.class);
        assertThat(EmbeddingWriter.forFormat("native")).isInstanceOf(NativeWriter.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"springai", "json", "", "native,spring-ai"})
    void anUnknownFormatNamesTheAllowedOnes(String name) {
        assertThatThrownBy(() -> EmbeddingWriter.forFormat(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("Unknown output format")
                .hasMessageContaining("native, spring-ai or langchain4j");
        assertThatThrownBy(() -> EmbeddingWriter.forFormat(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outputsMatchTheGoldenFilesByteForByte() throws Exception {
        List<EmbeddedChunk> rows = goldenRows();
        OutputSpec spec = new OutputSpec("Embeddings", 4, rows.size(), new ChunkerSettings(128, 16), "0.1.0", true);

        for (String format : EmbeddingWriter.FORMATS) {
            for (String file : EmbeddingWriter.forFormat(format).write(root, spec, VectorSource.of(rows))) {
                String name = file.substring(file.lastIndexOf('/') + 1);
                assertThat(Files.readAllBytes(root.resolve(file)))
                        .as("%s differs from src/test/resources/embed/golden/%s", file, name)
                        .isEqualTo(golden(name));
            }
        }
    }

    @Test
    void floatsAreWrittenShortestAndTheSameOnEveryJdk() throws Exception {
        // Java 17's Float.toString gives "-6.8538022E8" for this float; the shortest form (Java 19+) is "-6.853802E8"
        float awkward = Float.intBitsToFloat(-836540342);
        float[] vector = {awkward, 9.9E-44f, 1.0E-5f, 0.1f, -0.0f, 1.0E7f, Float.MIN_VALUE, Float.MAX_VALUE};
        Chunk chunk = new Chunk("a.md", 0, 0, 1, EmbedTestData.sha256("x"), "x", List.of());
        OutputSpec spec = new OutputSpec("Embeddings", vector.length, 1, new ChunkerSettings(16, 0), "0.1.0", false);

        new SpringAiWriter().write(root, spec, VectorSource.of(List.of(new EmbeddedChunk(chunk, vector))));

        String json = Files.readString(root.resolve("META-INF/gigachat/embeddings/spring-ai-vector-store.json"));
        assertThat(json).contains("\"embedding\":[-6.853802E8,9.9E-44,1.0E-5,0.1,-0.0,1.0E7,1.4E-45,3.4028235E38]");
        float[] readBack = JsonTrees.MAPPER
                .readTree(json)
                .elements()
                .next()
                .get("embedding")
                .traverse(JsonTrees.MAPPER)
                .readValueAs(float[].class);
        assertThat(readBack).containsExactly(vector);
    }

    @Test
    void twoWritesOfTheSameInputAreByteIdentical() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        OutputSpec spec = EmbedTestData.spec(rows.size());
        Path first = root.resolve("first");
        Path second = root.resolve("second");
        List<String> files = new ArrayList<>();
        for (String format : EmbeddingWriter.FORMATS) {
            files.addAll(EmbeddingWriter.forFormat(format).write(first, spec, VectorSource.of(rows)));
            // the second time from fresh copies, produced lazily
            EmbeddingWriter.forFormat(format).write(second, spec, lazyCopies(rows));
        }

        assertThat(files).hasSize(5);
        for (String file : files) {
            assertThat(Files.readAllBytes(second.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
        assertThat(listAll(first))
                .isEqualTo(listAll(second))
                .containsExactlyElementsOf(files.stream().sorted().toList());
    }

    @Test
    void anUnchangedFileIsNotRewrittenAndKeepsItsModificationTime() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        OutputSpec spec = EmbedTestData.spec(rows.size());
        List<String> files = writeAll(rows, spec);
        for (String file : files) {
            Files.setLastModifiedTime(root.resolve(file), LONG_AGO);
        }

        assertThat(writeAll(rows, spec)).isEqualTo(files);

        for (String file : files) {
            assertThat(Files.getLastModifiedTime(root.resolve(file))).as(file).isEqualTo(LONG_AGO);
        }
        assertThat(listAll(root))
                .containsExactlyElementsOf(files.stream().sorted().toList());

        // one vector changes: the files holding vectors change, chunks.jsonl does not
        List<EmbeddedChunk> changed = new ArrayList<>(rows);
        float[] vector = rows.get(2).vector().clone();
        vector[0] += 0.25f;
        changed.set(2, new EmbeddedChunk(rows.get(2).chunk(), vector));
        writeAll(changed, spec);

        Map<String, Boolean> rewritten = new LinkedHashMap<>();
        for (String file : files) {
            rewritten.put(file, !Files.getLastModifiedTime(root.resolve(file)).equals(LONG_AGO));
        }
        assertThat(rewritten)
                .containsEntry("META-INF/gigachat/embeddings/chunks.jsonl", false)
                .containsEntry("META-INF/gigachat/embeddings/vectors.npy", true)
                .containsEntry("META-INF/gigachat/embeddings/manifest.json", true)
                .containsEntry("META-INF/gigachat/embeddings/spring-ai-vector-store.json", true)
                .containsEntry("META-INF/gigachat/embeddings/langchain4j-embedding-store.json", true);
        assertThat(
                        NativeWriterTest.readNpy(
                                Files.readAllBytes(root.resolve("META-INF/gigachat/embeddings/vectors.npy")))[2])
                .containsExactly(vector);
        assertThat(listAll(root))
                .containsExactlyElementsOf(files.stream().sorted().toList());
    }

    @Test
    void aFailedWriteReplacesNothingAndLeavesNoTemporaryFile() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        OutputSpec spec = EmbedTestData.spec(rows.size());
        List<String> files = writeAll(rows, spec);
        Map<String, byte[]> before = new LinkedHashMap<>();
        for (String file : files) {
            before.put(file, Files.readAllBytes(root.resolve(file)));
        }
        List<EmbeddedChunk> other = new ArrayList<>();
        for (EmbeddedChunk row : rows) {
            other.add(new EmbeddedChunk(row.chunk(), EmbedTestData.vector(99, EmbedTestData.DIMENSIONS)));
        }

        for (String format : EmbeddingWriter.FORMATS) {
            AtomicInteger closed = new AtomicInteger();
            VectorSource failing = () -> {
                Iterator<EmbeddedChunk> iterator = other.iterator();
                return new VectorSource.Cursor() {
                    int read;

                    @Override
                    public EmbeddedChunk next() throws IOException {
                        if (read++ == 4) {
                            throw new IOException("cache entry unreadable");
                        }
                        return iterator.hasNext() ? iterator.next() : null;
                    }

                    @Override
                    public void close() {
                        closed.incrementAndGet();
                    }
                };
            };
            assertThatThrownBy(() -> EmbeddingWriter.forFormat(format).write(root, spec, failing))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cache entry unreadable");
            assertThat(closed).as(format).hasValue(1);

            // a source with fewer vectors than announced fails at the end, still before anything is replaced
            assertThatThrownBy(() ->
                            EmbeddingWriter.forFormat(format).write(root, spec, VectorSource.of(other.subList(0, 5))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("5 vectors, but 6 were announced");
        }

        for (String file : files) {
            assertThat(Files.readAllBytes(root.resolve(file))).as(file).isEqualTo(before.get(file));
        }
        assertThat(listAll(root))
                .containsExactlyElementsOf(files.stream().sorted().toList());
    }

    @Test
    void eachWriterMakesOnePassAndClosesIt() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        for (String format : EmbeddingWriter.FORMATS) {
            AtomicInteger opened = new AtomicInteger();
            AtomicInteger closed = new AtomicInteger();
            VectorSource counting = () -> {
                opened.incrementAndGet();
                Iterator<EmbeddedChunk> iterator = rows.iterator();
                return new VectorSource.Cursor() {
                    @Override
                    public EmbeddedChunk next() {
                        return iterator.hasNext() ? iterator.next() : null;
                    }

                    @Override
                    public void close() {
                        closed.incrementAndGet();
                    }
                };
            };
            EmbeddingWriter.forFormat(format).write(root, EmbedTestData.spec(rows.size()), counting);
            assertThat(opened).as(format).hasValue(1);
            assertThat(closed).as(format).hasValue(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "spring-ai", "langchain4j"})
    void inputsThatDoNotMatchTheSpecAreRefused(String format) {
        EmbeddingWriter writer = EmbeddingWriter.forFormat(format);
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        OutputSpec spec = EmbedTestData.spec(rows.size());

        assertThatThrownBy(() -> writer.write(root, EmbedTestData.spec(rows.size() - 1), VectorSource.of(rows)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more vectors than the 5 announced");
        assertThatThrownBy(() -> writer.write(root, spec, VectorSource.of(replace(rows, 3, vectorOf(rows, 3, 15)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docs/guide.ru.md#1")
                .hasMessageContaining("15 dimensions, expected 16");
        float[] nan = rows.get(1).vector().clone();
        nan[7] = Float.NaN;
        assertThatThrownBy(() -> writer.write(root, spec, VectorSource.of(replace(rows, 1, nan))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("README.md#1")
                .hasMessageContaining("NaN at 7");
        float[] infinite = rows.get(1).vector().clone();
        infinite[0] = Float.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> writer.write(root, spec, VectorSource.of(replace(rows, 1, infinite))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Infinity at 0");

        List<EmbeddedChunk> swapped = new ArrayList<>(rows);
        swapped.set(0, rows.get(1));
        swapped.set(1, rows.get(0));
        assertThatThrownBy(() -> writer.write(root, spec, VectorSource.of(swapped)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("README.md#0 comes after #1 of the same file");
        List<EmbeddedChunk> scattered = new ArrayList<>(rows);
        scattered.set(1, rows.get(2));
        scattered.set(2, rows.get(1));
        assertThatThrownBy(() -> writer.write(root, spec, VectorSource.of(scattered)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the chunks of README.md are not together");
        List<EmbeddedChunk> withNull = new ArrayList<>(rows);
        withNull.set(2, new EmbeddedChunk(rows.get(2).chunk(), null));
        assertThatThrownBy(() -> writer.write(root, spec, VectorSource.of(withNull)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 2 has no chunk or no vector");
        assertThatThrownBy(() -> writer.write(
                        root,
                        new OutputSpec("Embeddings", 0, 1, new ChunkerSettings(16, 0), "0.1.0", false),
                        VectorSource.of(rows)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad shape [1, 0]");

        assertThat(root.resolve("META-INF/gigachat/embeddings")).isEmptyDirectory();
    }

    @Test
    void vectorSourceOfAnIterableCanBeReadMoreThanOnce() throws Exception {
        List<EmbeddedChunk> rows = EmbedTestData.sample();
        VectorSource source = VectorSource.of(rows);
        for (int pass = 0; pass < 2; pass++) {
            List<EmbeddedChunk> read = new ArrayList<>();
            try (VectorSource.Cursor cursor = source.open()) {
                for (EmbeddedChunk next = cursor.next(); next != null; next = cursor.next()) {
                    read.add(next);
                }
            }
            assertThat(read).isEqualTo(rows);
        }
    }

    private List<String> writeAll(List<EmbeddedChunk> rows, OutputSpec spec) throws IOException {
        List<String> files = new ArrayList<>();
        for (String format : EmbeddingWriter.FORMATS) {
            files.addAll(EmbeddingWriter.forFormat(format).write(root, spec, VectorSource.of(rows)));
        }
        return files;
    }

    /** Every regular file under the directory, hidden temporary files included, relative, sorted. */
    static List<String> listAll(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> directory.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static VectorSource lazyCopies(List<EmbeddedChunk> rows) {
        return () -> {
            Iterator<EmbeddedChunk> iterator = rows.iterator();
            return () -> {
                if (!iterator.hasNext()) {
                    return null;
                }
                EmbeddedChunk row = iterator.next();
                Chunk c = row.chunk();
                Chunk copy = new Chunk(
                        new String(c.source()),
                        c.index(),
                        c.start(),
                        c.end(),
                        new String(c.sha256()),
                        new String(c.text()),
                        new ArrayList<>(c.headings()));
                return new EmbeddedChunk(copy, row.vector().clone());
            };
        };
    }

    private static List<EmbeddedChunk> replace(List<EmbeddedChunk> rows, int index, float[] vector) {
        List<EmbeddedChunk> copy = new ArrayList<>(rows);
        copy.set(index, new EmbeddedChunk(rows.get(index).chunk(), vector));
        return copy;
    }

    private static float[] vectorOf(List<EmbeddedChunk> rows, int index, int length) {
        return java.util.Arrays.copyOf(rows.get(index).vector(), length);
    }

    /** Three small chunks of four dimensions: the data of the golden files. */
    static List<EmbeddedChunk> goldenRows() {
        List<EmbeddedChunk> rows = new ArrayList<>();
        String[] texts = {"# Title\n\nHello, world.", "Второй абзац: «кавычки» и \"escapes\"\t\\.", "plain"};
        rows.add(new EmbeddedChunk(
                new Chunk(
                        "docs/a.md",
                        0,
                        0,
                        texts[0].length(),
                        EmbedTestData.sha256(texts[0]),
                        texts[0],
                        List.of("Title")),
                new float[] {0.5f, -0.25f, 1.0E-5f, Float.intBitsToFloat(-836540342)}));
        rows.add(new EmbeddedChunk(
                new Chunk(
                        "docs/a.md",
                        1,
                        22,
                        22 + texts[1].length(),
                        EmbedTestData.sha256(texts[1]),
                        texts[1],
                        List.of("Title", "Раздел")),
                new float[] {0.1f, 0.2f, 0.3f, -0.0f}));
        rows.add(new EmbeddedChunk(
                new Chunk("notes.txt", 0, 0, texts[2].length(), EmbedTestData.sha256(texts[2]), texts[2], List.of()),
                new float[] {1.0f, 0.0f, -1.0f, 0.33333334f}));
        return rows;
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = EmbeddingWritersTest.class.getResourceAsStream("/embed/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
