package io.imsg.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns a generic Avro value into a Jackson tree: records and maps become objects, arrays arrays,
 * strings and enum symbols text, bytes and fixed base64 text, numbers and booleans themselves. Values
 * with a logical type stay in their Avro representation (a timestamp-millis is its long).
 */
final class AvroJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AvroJson() {}

    static JsonNode of(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof GenericRecord record) {
            ObjectNode object = JSON.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), of(record.get(field.pos())));
            }
            return object;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), of(item)));
            return object;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = JSON.arrayNode();
            items.forEach(item -> array.add(of(item)));
            return array;
        }
        return scalar(value);
    }

    private static JsonNode scalar(Object value) {
        if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return JSON.textNode(Base64.getEncoder().encodeToString(copy));
        }
        if (value instanceof GenericFixed fixed) {
            return JSON.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
        }
        if (value instanceof Integer number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Long number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Float number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Double number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return JSON.booleanNode(flag);
        }
        return JSON.textNode(value.toString()); // Utf8, String, enum symbols
    }
}
