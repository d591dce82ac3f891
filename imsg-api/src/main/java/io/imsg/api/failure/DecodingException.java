package io.imsg.api.failure;

import io.imsg.api.RecordOrigin;

/**
 * A record's bytes are not a valid iMSG envelope or payload: malformed, truncated, over a decoding
 * limit, or of a type nothing can decode. Never retried; the record is dead-lettered with its
 * original bytes.
 */
public class DecodingException extends NonRetryableException {

    public DecodingException(String message, RecordOrigin origin) {
        super(message, origin, null);
    }

    public DecodingException(String message, RecordOrigin origin, Throwable cause) {
        super(message, origin, cause);
    }
}
