package io.github.gigachat.embed;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the vectors in one output format, under {@code outputRoot/META-INF/gigachat/embeddings/}. Writers stream: rows
 * are pushed one at a time ({@link #open}), so that one pass over the vectors can feed every format, and no writer
 * holds them all. Their output depends only on their input (no timestamps, fixed number formatting), each file is
 * written to a temporary sibling and moved into place atomically, and a file whose content did not change is left
 * untouched (its modification time too). Writers are stateless and may be used from several threads.
 */
public interface EmbeddingWriter {
    /** Where every format's files go, relative to the output root (and so in the jar). */
    String DIRECTORY = "META-INF/gigachat/embeddings";

    String NATIVE = "native";
    String SPRING_AI = "spring-ai";
    String LANGCHAIN4J = "langchain4j";

    /** The format names, as {@code gigachat.embed.formats} takes them. */
    List<String> FORMATS = List.of(NATIVE, SPRING_AI, LANGCHAIN4J);

    /** This format's name, one of {@link #FORMATS}. */
    String format();

    /** This format's files, relative to the output root with {@code /} separators, sorted. */
    List<String> files();

    /**
     * Starts this format's files.
     *
     * @param outputRoot the generated resources root; the files go under {@link #DIRECTORY} in it
     * @param spec the model, dimensions, count and settings; exactly {@code spec.count()} rows of
     *     {@code spec.dimensions()} finite floats must follow
     */
    Rows open(Path outputRoot, OutputSpec spec) throws IOException;

    /** The files of one format being written. */
    interface Rows extends Closeable {
        /**
         * Writes the next row, in output order (by source path, then chunk index).
         *
         * @throws IllegalArgumentException if the row does not match the spec (dimensions, NaN or infinite values, a
         *     source out of order, more rows than announced); nothing is replaced then
         */
        void write(EmbeddedChunk row) throws IOException;

        /**
         * Completes the files and moves them into place.
         *
         * @return the files, as {@link #files()}, whether rewritten or found unchanged
         * @throws IllegalArgumentException if fewer rows than announced were written; nothing is replaced then
         */
        List<String> finish() throws IOException;

        /** Discards the temporary files unless {@link #finish()} completed. */
        @Override
        void close() throws IOException;
    }

    /** Writes every vector of {@code vectors} in one go: {@link #open}, each row, {@link Rows#finish()}. */
    default List<String> write(Path outputRoot, OutputSpec spec, VectorSource vectors) throws IOException {
        try (Rows rows = open(outputRoot, spec);
                VectorSource.Cursor cursor = vectors.open()) {
            for (EmbeddedChunk next = cursor.next(); next != null; next = cursor.next()) {
                rows.write(next);
            }
            return rows.finish();
        }
    }

    /**
     * The writer of a format named as in {@code gigachat.embed.formats} (surrounding blanks and case are ignored).
     *
     * @throws IllegalArgumentException naming the allowed values, for an unknown name
     */
    static EmbeddingWriter forFormat(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case NATIVE:
                return new NativeWriter();
            case SPRING_AI:
                return new SpringAiWriter();
            case LANGCHAIN4J:
                return new LangChain4jWriter();
            default:
                throw new IllegalArgumentException(
                        "Unknown output format '" + name + "': use native, spring-ai or langchain4j (comma-separated)");
        }
    }
}
