package io.imsg.kafka.codec;

import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.NonRetryableException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The decoding limits, applied when a payload is encoded: a message consumers would refuse (an
 * array over {@code maxCollectionItems}, nesting over {@code maxDepth}, a string over
 * {@code maxStringBytes}) fails its publish with a clear error, instead of going to each consumer's
 * dead-letter topic. The codec gives it limits no tighter than the defaults, which other services
 * decode with unless they chose otherwise. Only a schema that can hold such a value is scanned; for
 * any other, the message size limit already bounds everything the limits do, and the check costs
 * nothing.
 */
final class PayloadLimitCheck {

    private static final PayloadLimitCheck NOTHING_TO_CHECK = new PayloadLimitCheck(null);

    /** Null when the schema cannot exceed the limits. */
    private final AvroBoundsScanner scanner;

    private PayloadLimitCheck(AvroBoundsScanner scanner) {
        this.scanner = scanner;
    }

    static PayloadLimitCheck of(Schema schema, DecodingLimits limits) {
        return canExceed(schema, limits)
                ? new PayloadLimitCheck(AvroBoundsScanner.of(schema, limits)) : NOTHING_TO_CHECK;
    }

    /** Whether encoding scans the payload at all; for tests. */
    boolean scans() {
        return scanner != null;
    }

    /** @throws NonRetryableException naming the value over its limit */
    void check(String type, ByteBuffer body) {
        if (scanner == null) {
            return;
        }
        try {
            scanner.scan(body.array(), body.arrayOffset() + body.position(), body.remaining(), null);
        } catch (DecodingException overLimit) {
            throw new NonRetryableException("a " + type + " payload outside the decoding limits is not sent, since"
                    + " every consumer would dead-letter it: " + overLimit.getMessage(), overLimit);
        }
    }

    private static boolean canExceed(Schema schema, DecodingLimits limits) {
        return hasLimitedParts(schema, limits, identitySet())
                || depth(schema, new IdentityHashMap<>(), identitySet()) > limits.maxDepth();
    }

    /** Arrays and maps (item counts), or strings and bytes limited below the message size. */
    private static boolean hasLimitedParts(Schema schema, DecodingLimits limits, Set<Schema> seen) {
        if (!seen.add(schema)) {
            return false; // looked at already, or being looked at higher up
        }
        return switch (schema.getType()) {
            case ARRAY, MAP -> true;
            case STRING -> limits.maxStringBytes() < limits.maxMessageBytes();
            case BYTES -> limits.maxBytesLength() < limits.maxMessageBytes();
            case RECORD -> schema.getFields().stream().anyMatch(field -> hasLimitedParts(field.schema(), limits, seen));
            case UNION -> schema.getTypes().stream().anyMatch(branch -> hasLimitedParts(branch, limits, seen));
            default -> false;
        };
    }

    /**
     * How deeply a value can nest, counted as the scanner does (one level per record, array and
     * map), or {@code Integer.MAX_VALUE} when recursive. Remembered per schema, so a type referenced
     * from many fields is walked once, not once per path to it.
     */
    private static int depth(Schema schema, Map<Schema, Integer> known, Set<Schema> open) {
        return switch (schema.getType()) {
            case UNION -> schema.getTypes().stream().mapToInt(branch -> depth(branch, known, open)).max().orElse(0);
            case RECORD, ARRAY, MAP -> {
                Integer remembered = known.get(schema);
                if (remembered != null) {
                    yield remembered;
                }
                if (!open.add(schema)) {
                    yield Integer.MAX_VALUE; // recursive: a value can nest as deep as it likes
                }
                int inner = 0;
                for (Schema child : children(schema)) {
                    inner = Math.max(inner, depth(child, known, open));
                }
                open.remove(schema);
                int depth = inner == Integer.MAX_VALUE ? inner : inner + 1;
                known.put(schema, depth);
                yield depth;
            }
            default -> 0;
        };
    }

    private static List<Schema> children(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> schema.getFields().stream().map(Schema.Field::schema).toList();
            case ARRAY -> List.of(schema.getElementType());
            case MAP -> List.of(schema.getValueType());
            default -> List.of();
        };
    }

    private static Set<Schema> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
