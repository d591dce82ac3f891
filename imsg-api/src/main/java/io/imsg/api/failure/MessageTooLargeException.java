package io.imsg.api.failure;

import io.imsg.api.RecordOrigin;

/** A message is larger than the configured maximum, found before sending or before decoding. */
public class MessageTooLargeException extends NonRetryableException {

    private final long size;
    private final long limit;

    public MessageTooLargeException(String what, long size, long limit, RecordOrigin origin) {
        super(what + " is " + size + " bytes, over the limit of " + limit + " bytes", origin, null);
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
