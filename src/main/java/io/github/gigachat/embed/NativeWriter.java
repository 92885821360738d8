package io.github.gigachat.embed;

import static io.github.gigachat.io.Hashes.sha256;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The plugin's own format, three files in {@value EmbeddingWriter#DIRECTORY}:
 *
 * <ul>
 *   <li>{@code chunks.jsonl}: one JSON object per line and per vector, in the order of the matrix rows: {@code id},
 *       {@code source}, {@code index}, {@code start}, {@code end}, {@code sha256}, {@code headings}, {@code text};
 *   <li>{@code vectors.npy}: the {@code [count, dimensions]} float32 little-endian row-major matrix, as NumPy's
 *       {@code .npy} format version 1.0 (header padded to a multiple of 64 bytes), so {@code numpy.load} reads it;
 *   <li>{@code manifest.json}, written last: format version, model, dimensions, count, {@code emulated}, plugin
 *       version, chunker settings, the two files with their SHA-256, and the sources with their first row and number
 *       of chunks.
 * </ul>
 *
 * One pass over the vectors writes both data files.
 */
public final class NativeWriter implements EmbeddingWriter {
    /** Version of this layout, in the manifest's {@code formatVersion}. */
    public static final int FORMAT_VERSION = 1;

    public static final String MANIFEST = "manifest.json";
    public static final String CHUNKS = "chunks.jsonl";
    public static final String VECTORS = "vectors.npy";

    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int NPY_ALIGNMENT = 64;

    @Override
    public String format() {
        return NATIVE;
    }

    @Override
    public List<String> files() {
        return List.of(DIRECTORY + "/" + CHUNKS, DIRECTORY + "/" + MANIFEST, DIRECTORY + "/" + VECTORS);
    }

    @Override
    public Rows open(Path outputRoot, OutputSpec spec) throws IOException {
        return new NativeRows(outputRoot.resolve(DIRECTORY), spec);
    }

    /** Both data files are written as rows come; the manifest, with their digests, at the end. */
    private final class NativeRows implements Rows {
        private final OutputSpec spec;
        private final RowChecker checker;
        private final List<Source> sources = new ArrayList<>();
        private final List<StagedFile> staged = new ArrayList<>();
        private final StagedFile chunks;
        private final StagedFile matrix;
        private final StagedFile manifest;
        private final MessageDigest chunksDigest = sha256();
        private final MessageDigest vectorsDigest = sha256();
        private final OutputStream vectorsOut;
        private final JsonGenerator lines;
        private final ByteBuffer row;
        private final FloatBuffer floats;

        NativeRows(Path directory, OutputSpec spec) throws IOException {
            this.spec = spec;
            this.checker = new RowChecker(spec, NATIVE);
            try {
                chunks = stage(directory.resolve(CHUNKS));
                matrix = stage(directory.resolve(VECTORS));
                manifest = stage(directory.resolve(MANIFEST));
                vectorsOut = new DigestOutputStream(matrix.stream(), vectorsDigest);
                lines = EmbedJson.FACTORY.createGenerator(new DigestOutputStream(chunks.stream(), chunksDigest));
                lines.setRootValueSeparator(null);
                vectorsOut.write(npyHeader(spec.count(), spec.dimensions()));
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
            row = ByteBuffer.allocate(spec.dimensions() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            floats = row.asFloatBuffer();
        }

        private StagedFile stage(Path target) throws IOException {
            StagedFile file = StagedFile.create(target);
            staged.add(file);
            return file;
        }

        @Override
        public void write(EmbeddedChunk next) throws IOException {
            int number = checker.check(next);
            Chunk chunk = next.chunk();
            Source last = sources.isEmpty() ? null : sources.get(sources.size() - 1);
            if (last == null || !last.path.equals(chunk.source())) {
                sources.add(new Source(chunk.source(), number));
            } else {
                last.chunks++;
            }
            writeChunkLine(lines, chunk);
            floats.clear();
            floats.put(next.vector());
            vectorsOut.write(row.array(), 0, row.capacity());
        }

        @Override
        public List<String> finish() throws IOException {
            checker.finish();
            lines.close();
            vectorsOut.flush();
            try (JsonGenerator json = EmbedJson.pretty(manifest.stream())) {
                writeManifest(
                        json,
                        spec,
                        HexFormat.of().formatHex(chunksDigest.digest()),
                        HexFormat.of().formatHex(vectorsDigest.digest()),
                        sources);
                json.writeRaw('\n');
            }
            chunks.commit();
            matrix.commit();
            manifest.commit();
            return files();
        }

        @Override
        public void close() throws IOException {
            IOException failure = null;
            for (StagedFile file : staged) {
                try {
                    file.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static void writeChunkLine(JsonGenerator json, Chunk chunk) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", EmbedJson.chunkId(chunk));
        EmbedJson.writeIdentity(json, chunk);
        json.writeArrayFieldStart("headings");
        for (String heading : chunk.headings()) {
            json.writeString(heading);
        }
        json.writeEndArray();
        json.writeStringField("text", chunk.text());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private static void writeManifest(
            JsonGenerator json, OutputSpec spec, String chunksSha256, String vectorsSha256, List<Source> sources)
            throws IOException {
        json.writeStartObject();
        json.writeNumberField("formatVersion", FORMAT_VERSION);
        json.writeStringField("model", spec.model());
        json.writeNumberField("dimensions", spec.dimensions());
        json.writeNumberField("count", spec.count());
        json.writeBooleanField("emulated", spec.emulated());
        json.writeStringField("pluginVersion", spec.pluginVersion());
        json.writeObjectFieldStart("chunker");
        json.writeNumberField("maxChunkTokens", spec.settings().maxChunkTokens());
        json.writeNumberField("overlapTokens", spec.settings().overlapTokens());
        json.writeStringField("fingerprint", spec.settings().fingerprint());
        json.writeEndObject();
        json.writeObjectFieldStart("chunks");
        json.writeStringField("file", CHUNKS);
        json.writeStringField("sha256", chunksSha256);
        json.writeEndObject();
        json.writeObjectFieldStart("vectors");
        json.writeStringField("file", VECTORS);
        json.writeStringField("dtype", "float32");
        json.writeStringField("byteOrder", "little-endian");
        json.writeNumberField("headerBytes", npyHeaderLength(spec.count(), spec.dimensions()));
        json.writeStringField("sha256", vectorsSha256);
        json.writeEndObject();
        json.writeArrayFieldStart("sources");
        for (Source source : sources) {
            json.writeStartObject();
            json.writeStringField("path", source.path);
            json.writeNumberField("firstRow", source.firstRow);
            json.writeNumberField("chunks", source.chunks);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /**
     * The {@code .npy} version 1.0 header of a little-endian float32 C-order matrix: magic, version, header length, and
     * the dictionary padded with spaces and a final {@code \n} to a multiple of 64 bytes in all.
     */
    static byte[] npyHeader(int rows, int columns) {
        String dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int total = npyHeaderLength(rows, columns);
        int length = total - NPY_MAGIC.length - 2;
        StringBuilder header = new StringBuilder(length).append(dictionary);
        while (header.length() < length - 1) {
            header.append(' ');
        }
        header.append('\n');
        byte[] bytes = new byte[total];
        System.arraycopy(NPY_MAGIC, 0, bytes, 0, NPY_MAGIC.length);
        bytes[NPY_MAGIC.length] = (byte) (length & 0xff);
        bytes[NPY_MAGIC.length + 1] = (byte) (length >>> 8);
        byte[] text = header.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, NPY_MAGIC.length + 2, text.length);
        return bytes;
    }

    /** Bytes before the first float in {@code vectors.npy}. */
    static int npyHeaderLength(int rows, int columns) {
        int dictionary =
                ("{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }").length();
        int unpadded = NPY_MAGIC.length + 2 + dictionary + 1;
        return (unpadded + NPY_ALIGNMENT - 1) / NPY_ALIGNMENT * NPY_ALIGNMENT;
    }

    private static final class Source {
        final String path;
        final int firstRow;
        int chunks = 1;

        Source(String path, int firstRow) {
            this.path = path;
            this.firstRow = firstRow;
        }
    }
}
