package io.github.gigachat.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Keeps the generated embeddings directory to exactly what the last run wrote (a format dropped, a stale file). */
final class OutputDirectory {
    private OutputDirectory() {}

    /** Deletes files under {@code root/META-INF/gigachat/embeddings} that are not in {@code written}. */
    static void removeOthers(Path root, List<String> written) throws IOException {
        Path directory = root.resolve(EmbeddingWriter.DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return;
        }
        Set<String> keep = new HashSet<>(written);
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (!keep.contains(relative)) {
                    Files.delete(file);
                }
            }
        }
    }
}
