package io.imsg.kafka.codec;

import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.NonRetryableException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The decoding limits, applied when a payload is encoded: a message every consumer would refuse (an
 * array over {@code maxCollectionItems}, nesting over {@code maxDepth}, a string over
 * {@code maxStringBytes}) fails its publish with a clear error, instead of going to each consumer's
 * dead-letter topic. Only a schema that can hold such a value is scanned; for any other, the message
 * size limit already bounds everything the limits do, and the check costs nothing.
 */
final class PayloadLimitCheck {

    private static final PayloadLimitCheck NOTHING_TO_CHECK = new PayloadLimitCheck(null);

    /** Null when the schema cannot exceed the limits. */
    private final AvroBoundsScanner scanner;

    private PayloadLimitCheck(AvroBoundsScanner scanner) {
        this.scanner = scanner;
    }

    static PayloadLimitCheck of(Schema schema, DecodingLimits limits) {
        return canExceed(schema, limits, 0, new HashSet<>())
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

    /** Counts nesting as the scanner does: one level per record, array and map. */
    private static boolean canExceed(Schema schema, DecodingLimits limits, int depth, Set<String> records) {
        return switch (schema.getType()) {
            case ARRAY, MAP -> true; // item counts are bounded by maxCollectionItems alone
            case STRING -> limits.maxStringBytes() < limits.maxMessageBytes();
            case BYTES -> limits.maxBytesLength() < limits.maxMessageBytes();
            case UNION -> schema.getTypes().stream().anyMatch(branch -> canExceed(branch, limits, depth, records));
            case RECORD -> {
                if (depth + 1 > limits.maxDepth() || !records.add(schema.getFullName())) {
                    yield true; // too deep already, or recursive: a value can nest as deep as it likes
                }
                boolean any = schema.getFields().stream()
                        .anyMatch(field -> canExceed(field.schema(), limits, depth + 1, records));
                records.remove(schema.getFullName());
                yield any;
            }
            default -> false;
        };
    }
}
