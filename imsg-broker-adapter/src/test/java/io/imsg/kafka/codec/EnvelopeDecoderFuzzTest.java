package io.imsg.kafka.codec;

import static io.imsg.kafka.codec.TestPayloads.ORIGIN;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.MessageTooLargeException;
import java.lang.management.ManagementFactory;

/**
 * Fuzzes the envelope decoder: any bytes decode to a message or fail with a typed decoding
 * failure, allocating at most 64 bytes per input byte plus 1 MiB. In a normal test run this
 * replays the committed corpus in {@code EnvelopeDecoderFuzzTestInputs/} (regression mode);
 * {@code JAZZER_FUZZ=1} makes it coverage-guided (docs/security.md).
 */
class EnvelopeDecoderFuzzTest {

    private static final long FIXED_ALLOWANCE = 1024 * 1024;
    private static final AvroEnvelopeCodec CODEC = TestPayloads.codec();

    static {
        // The first decode builds resolvers and caches; allocation is measured after that.
        CODEC.decode(CODEC.encode(TestPayloads.message()), ORIGIN);
    }

    @FuzzTest(maxDuration = "5m")
    void anyBytesDecodeOrFailWithATypedDecodingFailureWithinBoundedAllocation(byte[] value) {
        long bound = 64L * value.length + FIXED_ALLOWANCE;
        // The first time a code path runs, loading (and, when fuzzing, instrumenting) its classes
        // allocates on this thread; a second decode of the same bytes measures the decoder alone.
        if (decodeAllocating(value) > bound) {
            long again = decodeAllocating(value);
            if (again > bound) {
                throw new AssertionError("decoding " + value.length + " bytes allocated " + again + " bytes, over " + bound);
            }
        }
    }

    /** Decodes, accepting only a message or a typed failure, and returns the bytes allocated. */
    private static long decodeAllocating(byte[] value) {
        long before = allocatedBytes();
        try {
            CODEC.decode(value, ORIGIN);
        } catch (DecodingException | MessageTooLargeException typed) {
            // the expected outcome for almost every input
        }
        return allocatedBytes() - before;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
