package io.imsg.api.spi;

import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns messages into record values and back. Thread-safe.
 *
 * <p>Decoding treats every byte as hostile: malformed input, an unknown schema fingerprint or a
 * value over a limit fails with a {@link DecodingException} subtype, never with an unchecked Avro
 * or JDK exception and never with unbounded allocation.
 */
public interface EnvelopeCodec {

    byte[] encode(Message<? extends SpecificRecord> message);

    /**
     * Decodes a record value.
     *
     * @param origin where the bytes came from, for error messages; may be null
     */
    Message<SpecificRecord> decode(byte[] value, RecordOrigin origin);
}
