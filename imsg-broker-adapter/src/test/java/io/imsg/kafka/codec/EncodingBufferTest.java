package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class EncodingBufferTest {

    @Test
    void growsPastItsInitialSizeKeepingEveryByte() {
        EncodingBuffer buffer = new EncodingBuffer(4);
        byte[] written = bytes(1000);

        buffer.write(written[0]);
        buffer.write(written, 1, written.length - 1);

        assertThat(buffer.size()).isEqualTo(1000);
        assertThat(buffer.toByteArray()).isEqualTo(written);
    }

    @Test
    void theViewShowsTheBytesWrittenAndTheCopyOutlivesAReset() {
        EncodingBuffer buffer = new EncodingBuffer(16);
        buffer.write(bytes(10), 0, 10);

        ByteBuffer view = buffer.view();
        byte[] copy = buffer.toByteArray();
        buffer.reset();
        buffer.write(new byte[10], 0, 10);

        assertThat(view.remaining()).isEqualTo(10);
        assertThat(copy).isEqualTo(bytes(10));
        assertThat(buffer.toByteArray()).isEqualTo(new byte[10]);
    }

    @Test
    void aResetAfterAnOversizedValueStartsEmptyAndStillGrows() {
        EncodingBuffer buffer = new EncodingBuffer(16);
        buffer.write(new byte[EncodingBuffer.RETAINED_BYTES + 1], 0, EncodingBuffer.RETAINED_BYTES + 1);

        buffer.reset();
        buffer.write(bytes(100), 0, 100);

        assertThat(buffer.size()).isEqualTo(100);
        assertThat(buffer.toByteArray()).isEqualTo(bytes(100));
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }
}
