package io.imsg.kafka.codec;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One thread's reusable in-memory output for encoding. Unlike {@link java.io.ByteArrayOutputStream}
 * its writes take no lock (Avro's direct encoder and {@link CurrentEnvelopeWriter} write a field at
 * a time), and what was written can be lent as a {@link ByteBuffer} without a copy. Not
 * thread-safe: keep one per thread.
 */
final class EncodingBuffer extends OutputStream {

    /** A thread keeps its buffer up to this size; a rare larger message does not pin its memory. */
    static final int RETAINED_BYTES = 64 * 1024;

    private final int initialBytes;
    private byte[] bytes;
    private int size;

    EncodingBuffer(int initialBytes) {
        this.initialBytes = initialBytes;
        this.bytes = new byte[initialBytes];
    }

    /** Forgets what was written, and the memory a larger-than-usual message made it take. */
    void reset() {
        if (bytes.length > RETAINED_BYTES) {
            bytes = new byte[initialBytes];
        }
        size = 0;
    }

    int size() {
        return size;
    }

    /** How many bytes the buffer holds on to, written or not. */
    int capacity() {
        return bytes.length;
    }

    /** The bytes written, without a copy: valid until the next {@link #reset()}. */
    ByteBuffer view() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    /** A copy of the bytes written, sized exactly. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    private void ensureRoom(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new OutOfMemoryError("an encoded value cannot exceed 2 GiB");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, 2L * bytes.length)));
        }
    }
}
