package com.example;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the vectors gigachat:embed packaged into the jar and finds the chunk nearest to a query vector. */
public final class NearestChunk {
    private static final String DIR = "/META-INF/gigachat/embeddings/";

    public static String nearest(float[] query) throws IOException {
        List<String> chunks;
        try (InputStream in = NearestChunk.class.getResourceAsStream(DIR + "chunks.jsonl")) {
            chunks = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        try (DataInputStream in = new DataInputStream(NearestChunk.class.getResourceAsStream(DIR + "vectors.npy"))) {
            in.skipNBytes(8); // magic and version of the .npy format
            int headerLength = Short.reverseBytes(in.readShort()) & 0xffff;
            in.skipNBytes(headerLength); // {'descr': '<f4', 'fortran_order': False, 'shape': (count, dims), }
            ByteBuffer row = ByteBuffer.allocate(query.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < chunks.size(); i++) {
                in.readFully(row.array());
                double dot = 0, norm = 0;
                for (int d = 0; d < query.length; d++) {
                    float v = row.getFloat(d * 4);
                    dot += v * query[d];
                    norm += v * v;
                }
                double cosine = dot / Math.sqrt(norm); // rank by cosine: real vectors are not unit length
                if (cosine > bestScore) {
                    bestScore = cosine;
                    best = i;
                }
            }
            return best < 0 ? null : chunks.get(best); // a JSON line: source, index, offsets, sha256, text
        }
    }
}
