package io.github.gigachat.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** JSON trees for comparing our files with what the libraries themselves save. */
final class JsonTrees {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonTrees() {}

    /** The file's tree with every decimal number as the float it denotes (libraries differ in how they print them). */
    static JsonNode read(Path file) throws IOException {
        return floats(MAPPER.readTree(file.toFile()));
    }

    private static JsonNode floats(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return FloatNode.valueOf(node.floatValue());
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(floats(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), floats(field.getValue()));
            }
            return copy;
        }
        return node;
    }
}
