package io.imsg.kafka.codec;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Each thread's reusable, array-backed Avro decoder. Reusing it saves a decoder per record;
 * {@link #release} then points it at nothing, so that a worker which goes idle does not keep the
 * last record's array reachable: that array can be as large as the largest message accepted (a
 * mebibyte by default), and a consumer may have hundreds of workers.
 */
final class ThreadDecoders {

    private static final byte[] NOTHING = new byte[0];
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private ThreadDecoders() {}

    /** This thread's decoder, reading {@code length} bytes of {@code bytes} from {@code offset}; release it after. */
    static BinaryDecoder over(byte[] bytes, int offset, int length) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, DECODER.get());
        DECODER.set(decoder);
        return decoder;
    }

    /** Lets go of the bytes the decoder last read. */
    static void release(BinaryDecoder decoder) {
        DecoderFactory.get().binaryDecoder(NOTHING, 0, 0, decoder);
    }
}
