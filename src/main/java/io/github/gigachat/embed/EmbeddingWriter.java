package io.github.gigachat.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the vectors in one output format, under {@code outputRoot/META-INF/gigachat/embeddings/}. Implementations
 * stream: they never hold all vectors in memory. Their output depends only on their input (no timestamps, fixed number
 * formatting), each file is written to a temporary sibling and moved into place atomically, and a file whose content
 * did not change is left untouched (its modification time too). Writers are stateless and may be used from several
 * threads.
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

    /**
     * Writes this format's files.
     *
     * @param outputRoot the generated resources root; the files go under {@link #DIRECTORY} in it
     * @param spec the model, dimensions, count and settings; {@code vectors} must yield exactly {@code spec.count()}
     *     vectors of {@code spec.dimensions()} finite floats
     * @param vectors the vectors, in output order
     * @return this format's files, relative to {@code outputRoot} with {@code /} separators, sorted; whether rewritten
     *     or found unchanged
     * @throws IllegalArgumentException if the vectors do not match {@code spec} (count, dimensions, NaN or infinite
     *     values, a source out of order); nothing is replaced then
     */
    List<String> write(Path outputRoot, OutputSpec spec, VectorSource vectors) throws IOException;

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
                throw new IllegalArgumentException("Unknown format '" + name
                        + "' in gigachat.embed.formats: use native, spring-ai or langchain4j (comma-separated)");
        }
    }
}
