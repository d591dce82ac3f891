package io.imsg.kafka.security.crypto;

import java.util.concurrent.atomic.AtomicLong;

/**
 * 96-bit AES-GCM nonces from a counter: 4 zero bytes, then the counter as 8 big-endian bytes. Two
 * nonces of one sequence are equal only if the counter repeated, which it cannot: it only goes up
 * and the sequence ends at {@link #limit()}. Each sequence belongs to one freshly derived key (see
 * {@link PayloadCipher}), so uniqueness under a key is structural, across threads and restarts.
 */
final class NonceSequence {

    static final int NONCE_BYTES = 12;

    /**
     * Encryptions per derived key. 2^32 keeps far inside AES-GCM's safe-use bounds (NIST SP 800-38D
     * caps random-nonce use at 2^32; counters allow more, and messages are small).
     */
    static final long DEFAULT_LIMIT = 1L << 32;

    private final AtomicLong next = new AtomicLong();
    private final long limit;

    NonceSequence(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 (was " + limit + ")");
        }
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** The next nonce's counter, or -1 once the sequence is used up (the key must be replaced). */
    long nextCounter() {
        long counter = next.getAndIncrement();
        if (counter >= limit || counter < 0) {
            next.set(limit); // stay exhausted; never wraps
            return -1;
        }
        return counter;
    }

    static byte[] nonce(long counter) {
        byte[] nonce = new byte[NONCE_BYTES];
        for (int i = 0; i < 8; i++) {
            nonce[NONCE_BYTES - 1 - i] = (byte) (counter >>> (8 * i));
        }
        return nonce;
    }
}
