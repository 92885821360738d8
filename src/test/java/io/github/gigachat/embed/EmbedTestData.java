package io.github.gigachat.embed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Chunks and vectors for the writer tests: Russian and English, headings, characters JSON must escape. */
final class EmbedTestData {
    static final int DIMENSIONS = 16;

    private EmbedTestData() {}

    static List<EmbeddedChunk> sample() {
        List<EmbeddedChunk> rows = new ArrayList<>();
        add(
                rows,
                "README.md",
                0,
                0,
                List.of("GigaChat plugin"),
                "Builds embeddings of the project's docs at build time.");
        add(
                rows,
                "README.md",
                1,
                55,
                List.of("GigaChat plugin", "Usage"),
                "Run `mvn gigachat:embed`.\nThen load them.");
        add(rows, "docs/guide.ru.md", 0, 0, List.of("Руководство"), "Плагин вычисляет векторы при сборке.");
        add(
                rows,
                "docs/guide.ru.md",
                1,
                40,
                List.of("Руководство", "Установка"),
                "Кавычки \"так\", обратная черта \\, таб\tи эмодзи 😀, разделитель строк \u2028.");
        add(rows, "docs/notes.txt", 0, 0, List.of(), "Plain text has no headings.");
        add(rows, "docs/notes.txt", 2, 200, List.of(), "Indexes may skip, but only increase: 1e-5 < 0.1.");
        return rows;
    }

    static OutputSpec spec(int count) {
        return new OutputSpec("Embeddings", DIMENSIONS, count, new ChunkerSettings(512, 32), "1.2.3-TEST", false);
    }

    private static void add(
            List<EmbeddedChunk> rows, String source, int index, int start, List<String> headings, String text) {
        Chunk chunk = new Chunk(source, index, start, start + text.length(), sha256(text), text, headings);
        rows.add(new EmbeddedChunk(chunk, vector(rows.size(), DIMENSIONS)));
    }

    /** A pseudo-random unit vector, the same for the same seed; a few awkward floats in the first rows. */
    static float[] vector(long seed, int dimensions) {
        Random random = new Random(seed * 7919 + 17);
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (vector[i] / Math.sqrt(norm));
        }
        if (seed == 0 && dimensions >= 6) {
            vector[1] = 1.0E-5f; // Float.toString: "1.0E-5"
            vector[2] = -0.0f;
            vector[3] = 2.0E-3f;
            vector[4] = 1.17549435E-38f; // Float.MIN_NORMAL
            vector[5] = 1.0E10f / 1.0E10f;
        }
        return vector;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
