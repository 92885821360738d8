package io.github.gigachat.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code POST /embeddings} answer with the streaming parser, straight into {@code float[]}: answers hold
 * thousands of numbers, and a tree of boxed values would be the slowest part of embedding a project.
 */
final class EmbeddingsReader {
    /** Thrown for JSON that parses but is not of the documented shape; the message names what is wrong. */
    static final class ShapeException extends Exception {
        private static final long serialVersionUID = 1L;

        ShapeException(String message) {
            super(message, null, false, false);
        }
    }

    record Parsed(String model, List<Embedding> embeddings) {}

    private EmbeddingsReader() {}

    static Parsed read(byte[] body) throws IOException, ShapeException {
        try (JsonParser parser = Json.FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ShapeException("JSON that is not an object");
            }
            String model = null;
            List<Embedding> embeddings = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("data") && value == JsonToken.START_ARRAY) {
                    embeddings = readData(parser);
                } else if (field.equals("model") && value == JsonToken.VALUE_STRING) {
                    model = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (embeddings == null) {
                throw new ShapeException("JSON without a 'data' list of embeddings");
            }
            return new Parsed(model, embeddings);
        }
    }

    private static List<Embedding> readData(JsonParser parser) throws IOException, ShapeException {
        List<Embedding> embeddings = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw new ShapeException("a 'data' entry that is not an object");
            }
            Integer index = null;
            float[] vector = null;
            long tokens = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("index") && value == JsonToken.VALUE_NUMBER_INT) {
                    index = parser.getIntValue();
                } else if (field.equals("embedding") && value == JsonToken.START_ARRAY) {
                    vector = readVector(parser);
                } else if (field.equals("usage") && value == JsonToken.START_OBJECT) {
                    tokens = readPromptTokens(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (index == null || vector == null) {
                throw new ShapeException("an embedding without an 'index' and an 'embedding' array");
            }
            embeddings.add(new Embedding(index, vector, tokens));
        }
        return embeddings;
    }

    private static float[] readVector(JsonParser parser) throws IOException, ShapeException {
        float[] values = new float[1024];
        int size = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
                throw new ShapeException("an embedding with a non-numeric component");
            }
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = parser.getFloatValue();
        }
        return size == values.length ? values : java.util.Arrays.copyOf(values, size);
    }

    private static long readPromptTokens(JsonParser parser) throws IOException {
        long tokens = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("prompt_tokens") && value == JsonToken.VALUE_NUMBER_INT) {
                tokens = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
        }
        return tokens;
    }
}
