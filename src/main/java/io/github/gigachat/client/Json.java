package io.github.gigachat.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the client on jackson-core's streaming API only: a small read-only tree for the API's small answers, and
 * request bodies. Databind would cost the build some 300 extra classes to load for documents of a few fields.
 */
final class Json {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // embeddings answers are mostly floats: the fast parser halves the client's CPU time on them
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private Json() {}

    /** Parses a whole document; parser messages are never passed on (they could quote a token). */
    static Node parse(byte[] body) throws IOException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("no JSON value");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the JSON value");
            }
            return new Node(value);
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken()));
                }
                return Collections.unmodifiableMap(object);
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next));
                }
                return Collections.unmodifiableList(array);
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getDecimalValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    /** {@code {"model": model, "input": [texts...]}}, the body of embeddings and token counting. */
    static byte[] modelAndInput(String model, List<String> texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + texts.size() * 64);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("model", model);
            json.writeArrayFieldStart("input");
            for (String text : texts) {
                json.writeString(text);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A read-only view of a parsed value; missing members read as an absent node, never as an exception. */
    record Node(Object value) {
        private static final Node MISSING = new Node(null);

        Node get(String name) {
            return value instanceof Map<?, ?> map && map.containsKey(name) ? new Node(map.get(name)) : MISSING;
        }

        boolean has(String name) {
            return value instanceof Map<?, ?> map && map.containsKey(name);
        }

        boolean isObject() {
            return value instanceof Map;
        }

        boolean isArray() {
            return value instanceof List;
        }

        boolean isText() {
            return value instanceof String;
        }

        boolean isNumber() {
            return value instanceof BigDecimal;
        }

        /** Whether this is a number without a fractional part that fits an int. */
        boolean isInt() {
            if (!(value instanceof BigDecimal number)) {
                return false;
            }
            try {
                number.intValueExact();
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }

        String text() {
            return (String) value;
        }

        String textOr(String fallback) {
            return value instanceof String text ? text : fallback;
        }

        BigDecimal number() {
            return (BigDecimal) value;
        }

        long longOr(long fallback) {
            return value instanceof BigDecimal number ? number.longValue() : fallback;
        }

        List<Node> elements() {
            if (!(value instanceof List<?> list)) {
                return List.of();
            }
            List<Node> nodes = new ArrayList<>(list.size());
            for (Object element : list) {
                nodes.add(new Node(element));
            }
            return nodes;
        }

        int size() {
            return value instanceof List<?> list ? list.size() : 0;
        }
    }
}
