package io.github.gigachat.embed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The last pass of a run: every row read once, from the cache, and handed to every format's writer at the same time.
 * The dimensions come from the first row; the count is known from the plan.
 */
final class OutputPass {
    /** What was written: the vectors' length (0 without any) and the files, relative to the output root. */
    record Written(int dimensions, List<String> files) {}

    private OutputPass() {}

    static Written write(EmbedRun.Settings settings, VectorSource.Cursor rows, long count) throws IOException {
        EmbeddedChunk first = rows.next();
        int dimensions = first == null ? 0 : first.vector().length;
        OutputSpec spec = new OutputSpec(
                settings.model(),
                dimensions,
                Math.toIntExact(count),
                settings.chunker(),
                settings.pluginVersion(),
                settings.emulated());
        List<EmbeddingWriter.Rows> writers = new ArrayList<>();
        try {
            for (String format : settings.formats()) {
                writers.add(EmbeddingWriter.forFormat(format).open(settings.outputRoot(), spec));
            }
            for (EmbeddedChunk row = first; row != null; row = rows.next()) {
                for (EmbeddingWriter.Rows writer : writers) {
                    writer.write(row);
                }
            }
            List<String> files = new ArrayList<>();
            for (EmbeddingWriter.Rows writer : writers) {
                files.addAll(writer.finish());
            }
            return new Written(dimensions, files);
        } finally {
            for (EmbeddingWriter.Rows writer : writers) {
                writer.close();
            }
        }
    }
}
