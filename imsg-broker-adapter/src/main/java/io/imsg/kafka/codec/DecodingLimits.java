package io.imsg.kafka.codec;

/**
 * Bounds on what decoding one record may cost, checked before any Avro object is allocated.
 *
 * <p>Avro's own limits ({@code org.apache.avro.limits.*} system properties) are JVM-global and read
 * once, so a library cannot rely on them; iMSG checks these instead, per codec.
 *
 * <pre>{@code
 * DecodingLimits limits = DecodingLimits.ofDefaults().withMaxMessageBytes(256 * 1024);
 * }</pre>
 *
 * @param maxMessageBytes largest record value accepted, checked before any parsing
 * @param maxStringBytes largest single Avro {@code string}, in UTF-8 bytes
 * @param maxBytesLength largest single Avro {@code bytes} value; the envelope's payload is one, so
 *     this also bounds the payload
 * @param maxCollectionItems largest number of array items plus map entries in one Avro body, counted
 *     across all its collections (a bound on allocation even for zero-byte items such as nulls)
 * @param maxDepth deepest nesting of records, arrays and maps in one Avro body; the top-level record
 *     is depth 1, and the envelope itself needs 2 (its attributes map)
 */
public record DecodingLimits(
        int maxMessageBytes, int maxStringBytes, int maxBytesLength, int maxCollectionItems, int maxDepth) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_048_576;
    public static final int DEFAULT_MAX_STRING_BYTES = 1_048_576;
    public static final int DEFAULT_MAX_BYTES_LENGTH = 1_048_576;
    public static final int DEFAULT_MAX_COLLECTION_ITEMS = 100_000;
    public static final int DEFAULT_MAX_DEPTH = 64;

    /**
     * The envelope's own nesting (record, then its attributes map) needs 2; the upper bound keeps the
     * recursive pre-scan and Avro's recursive reader far from a {@link StackOverflowError}.
     */
    public static final int MIN_DEPTH = 2;
    public static final int MAX_DEPTH = 512;

    private static final DecodingLimits DEFAULTS = new DecodingLimits(DEFAULT_MAX_MESSAGE_BYTES,
            DEFAULT_MAX_STRING_BYTES, DEFAULT_MAX_BYTES_LENGTH, DEFAULT_MAX_COLLECTION_ITEMS, DEFAULT_MAX_DEPTH);

    public DecodingLimits {
        requireAtLeast(maxMessageBytes, 1, "maxMessageBytes");
        requireAtLeast(maxStringBytes, 0, "maxStringBytes");
        requireAtLeast(maxBytesLength, 0, "maxBytesLength");
        requireAtLeast(maxCollectionItems, 0, "maxCollectionItems");
        requireAtLeast(maxDepth, MIN_DEPTH, "maxDepth");
        if (maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth must be <= " + MAX_DEPTH + ", was " + maxDepth);
        }
    }

    /** 1 MiB messages, strings and bytes; 100,000 collection items; depth 64. */
    public static DecodingLimits ofDefaults() {
        return DEFAULTS;
    }

    public DecodingLimits withMaxMessageBytes(int value) {
        return new DecodingLimits(value, maxStringBytes, maxBytesLength, maxCollectionItems, maxDepth);
    }

    public DecodingLimits withMaxStringBytes(int value) {
        return new DecodingLimits(maxMessageBytes, value, maxBytesLength, maxCollectionItems, maxDepth);
    }

    public DecodingLimits withMaxBytesLength(int value) {
        return new DecodingLimits(maxMessageBytes, maxStringBytes, value, maxCollectionItems, maxDepth);
    }

    public DecodingLimits withMaxCollectionItems(int value) {
        return new DecodingLimits(maxMessageBytes, maxStringBytes, maxBytesLength, value, maxDepth);
    }

    public DecodingLimits withMaxDepth(int value) {
        return new DecodingLimits(maxMessageBytes, maxStringBytes, maxBytesLength, maxCollectionItems, value);
    }

    /** Each limit the larger of this one's and {@code other}'s. */
    public DecodingLimits widenedTo(DecodingLimits other) {
        return new DecodingLimits(Math.max(maxMessageBytes, other.maxMessageBytes),
                Math.max(maxStringBytes, other.maxStringBytes), Math.max(maxBytesLength, other.maxBytesLength),
                Math.max(maxCollectionItems, other.maxCollectionItems), Math.max(maxDepth, other.maxDepth));
    }

    private static void requireAtLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", was " + value);
        }
    }
}
