package io.imsg.kafka.codec;

import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * Checks that an Avro binary body is safe to hand to Avro's decoder, by walking it against its
 * writer schema and skipping every value without materialising it.
 *
 * <p>It verifies that every string and bytes length is non-negative, fits in the remaining bytes and
 * is within its limit; that every array and map block count (including negative counts followed by
 * a byte size, which must then match what the items take) is within the body's item budget and
 * plausible for the bytes left; that union indexes and enum ordinals are in range; that nesting stays
 * within {@link DecodingLimits#maxDepth()}; that varints are at most 5 (int) or 10 (long) bytes; and
 * that no bytes remain at the end. After a body passes, Avro decoding it allocates at most about the
 * body's size plus {@link DecodingLimits#maxCollectionItems()} element slots, and cannot run off the
 * end of the data.
 *
 * <p>Immutable and thread-safe; compile one per writer schema and reuse it (compiling walks the
 * schema once, scanning does not touch {@link Schema} at all).
 *
 * <pre>{@code
 * AvroBoundsScanner scanner = AvroBoundsScanner.of(writerSchema, DecodingLimits.ofDefaults());
 * scanner.scan(bytes, 0, bytes.length, origin); // throws DecodingException on anything unsafe
 * }</pre>
 */
public final class AvroBoundsScanner {

    private final ScanNode root;
    private final DecodingLimits limits;

    private AvroBoundsScanner(ScanNode root, DecodingLimits limits) {
        this.root = root;
        this.limits = limits;
    }

    public static AvroBoundsScanner of(Schema writerSchema, DecodingLimits limits) {
        Objects.requireNonNull(writerSchema, "writerSchema must not be null");
        Objects.requireNonNull(limits, "limits must not be null");
        return new AvroBoundsScanner(ScanNode.compile(writerSchema), limits);
    }

    /**
     * Scans {@code data[offset, offset + length)} as exactly one value of the writer schema.
     *
     * @param origin the record the bytes came from, for the error; may be null
     * @throws DecodingException naming the schema, the offending value and its byte offset in the body
     */
    public void scan(byte[] data, int offset, int length, RecordOrigin origin) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Cursor cursor = new Cursor(root.label, data, offset, offset + length, limits.maxCollectionItems(), origin);
        skip(root, cursor, 0);
        if (cursor.pos != cursor.end) {
            throw cursor.fail(root.label, (cursor.end - cursor.pos) + " trailing bytes after the value");
        }
    }

    private void skip(ScanNode node, Cursor in, int depth) {
        switch (node.type) {
            case NULL -> { }
            case BOOLEAN -> {
                int value = in.readByte(node.label);
                if (value > 1) {
                    throw in.fail(node.label, "boolean byte " + value + " is neither 0 nor 1");
                }
            }
            case INT -> in.readInt(node.label);
            case LONG -> in.readLong(node.label);
            case FLOAT -> in.skipExactly(4, node.label);
            case DOUBLE -> in.skipExactly(8, node.label);
            case FIXED -> in.skipExactly(node.size, node.label);
            case STRING -> skipLengthPrefixed(in, limits.maxStringBytes(), "string", "maxStringBytes");
            case BYTES -> skipLengthPrefixed(in, limits.maxBytesLength(), "bytes", "maxBytesLength");
            case ENUM -> in.readIndex(node.size, node.ordinalLabel);
            case UNION -> skip(node.children[in.readIndex(node.children.length, "union index")], in, depth);
            case RECORD -> {
                enter(node, in, depth);
                for (ScanNode field : node.children) {
                    skip(field, in, depth + 1);
                }
            }
            case ARRAY, MAP -> {
                enter(node, in, depth);
                skipBlocks(node, in, depth + 1);
            }
        }
    }

    private void enter(ScanNode node, Cursor in, int depth) {
        if (depth + 1 > limits.maxDepth()) {
            throw in.fail(node.label, "nesting deeper than maxDepth " + limits.maxDepth());
        }
    }

    private void skipLengthPrefixed(Cursor in, int limit, String what, String limitName) {
        long length = in.readLong(what + " length");
        if (length < 0) {
            throw in.fail(what, "negative length " + length);
        }
        if (length > limit) {
            throw in.fail(what, "length " + length + " over " + limitName + " " + limit);
        }
        in.skipExactly((int) length, what);
    }

    /** Arrays and maps: blocks of items, each a count (negative: then a byte size), ending with 0. */
    private void skipBlocks(ScanNode node, Cursor in, int depth) {
        boolean map = node.type == Schema.Type.MAP;
        ScanNode item = node.children[0];
        long itemMinimum = item.minEncodedSize + (map ? 1L : 0L);
        while (true) {
            long count = in.readLong(node.blockCountLabel);
            if (count == 0) {
                return;
            }
            long byteSize = -1;
            if (count < 0) {
                // Checked before negating, because -Long.MIN_VALUE overflows.
                if (count < -in.itemsLeft) {
                    throw tooManyItems(node, in, Long.toUnsignedString(-count));
                }
                count = -count;
                byteSize = in.readLong(node.blockSizeLabel);
                if (byteSize < 0 || byteSize > in.remaining()) {
                    throw in.fail(node.label, "block byte size " + byteSize + " outside 0.." + in.remaining());
                }
            }
            checkCount(node, in, count, itemMinimum);
            int itemsStart = in.pos;
            for (long i = 0; i < count; i++) {
                if (map) {
                    skipLengthPrefixed(in, limits.maxStringBytes(), "map key", "maxStringBytes");
                }
                skip(item, in, depth);
            }
            if (byteSize >= 0 && in.pos - itemsStart != byteSize) {
                // Avro skips such blocks by their byte size, so a lie here would desynchronise it.
                throw in.fail(node.label, "block byte size " + byteSize + " but its items take "
                        + (in.pos - itemsStart));
            }
        }
    }

    private void checkCount(ScanNode node, Cursor in, long count, long itemMinimum) {
        if (count > in.itemsLeft) {
            throw tooManyItems(node, in, Long.toString(count));
        }
        if (itemMinimum > 0 && count > in.remaining() / itemMinimum) {
            throw in.fail(node.label, "block of " + count + " items of at least " + itemMinimum
                    + " bytes each, but only " + in.remaining() + " bytes remain");
        }
        in.itemsLeft -= count;
    }

    private DecodingException tooManyItems(ScanNode node, Cursor in, String count) {
        return in.fail(node.label, "block of " + count + " items; the body may hold " + in.itemsLeft
                + " more (maxCollectionItems " + limits.maxCollectionItems() + ")");
    }

    /** Read position and budgets of one scan. */
    private static final class Cursor {

        private final String subject;
        private final byte[] data;
        private final int start;
        private final int end;
        private final RecordOrigin origin;
        private int pos;
        private long itemsLeft;

        Cursor(String subject, byte[] data, int start, int end, long itemsLeft, RecordOrigin origin) {
            this.subject = subject;
            this.data = data;
            this.start = start;
            this.end = end;
            this.pos = start;
            this.itemsLeft = itemsLeft;
            this.origin = origin;
        }

        int remaining() {
            return end - pos;
        }

        int readByte(String what) {
            if (pos >= end) {
                throw fail(what, "truncated: no bytes left");
            }
            return data[pos++] & 0xff;
        }

        void skipExactly(int count, String what) {
            if (count > end - pos) {
                throw fail(what, "needs " + count + " bytes but only " + (end - pos) + " remain");
            }
            pos += count;
        }

        /** An int varint as Avro reads it: at most 5 bytes, zig-zag decoded. */
        int readInt(String what) {
            int raw = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = readByte(what);
                raw |= (b & 0x7f) << shift;
                if (b < 0x80) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw fail(what, "int varint longer than 5 bytes");
        }

        /** A long varint as Avro reads it: at most 10 bytes, zig-zag decoded. */
        long readLong(String what) {
            long raw = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                int b = readByte(what);
                raw |= (long) (b & 0x7f) << shift;
                if (b < 0x80) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw fail(what, "long varint longer than 10 bytes");
        }

        int readIndex(int bound, String what) {
            int index = readInt(what);
            if (index < 0 || index >= bound) {
                throw fail(what, index + " outside 0.." + (bound - 1));
            }
            return index;
        }

        DecodingException fail(String what, String problem) {
            return new DecodingException("malformed Avro body of " + subject + " at byte " + (pos - start)
                    + " (" + what + "): " + problem, origin);
        }
    }
}
