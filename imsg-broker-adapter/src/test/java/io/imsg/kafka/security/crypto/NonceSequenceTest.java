package io.imsg.kafka.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NonceSequenceTest {

    private static final int TEN_MILLION = 10_000_000;

    @Test
    void tenMillionNoncesUnderOneKeyAreStrictlyIncreasingSoNoneRepeats() {
        NonceSequence sequence = new NonceSequence(NonceSequence.DEFAULT_LIMIT);
        byte[] previous = null;
        for (int i = 0; i < TEN_MILLION; i++) {
            byte[] nonce = NonceSequence.nonce(sequence.nextCounter());
            // Strictly increasing as an unsigned 96-bit number implies all distinct, in O(1) memory.
            if (previous != null && java.util.Arrays.compareUnsigned(previous, nonce) >= 0) {
                throw new AssertionError("nonce " + i + " does not increase");
            }
            previous = nonce;
        }
        assertThat(previous).hasSize(12);
    }

    @Test
    void tenMillionNoncesTakenByFourThreadsAreAllDistinct() throws InterruptedException {
        NonceSequence sequence = new NonceSequence(NonceSequence.DEFAULT_LIMIT);
        BitSet seen = new BitSet(TEN_MILLION); // 1.25 MB: one bit per counter value
        AtomicInteger repeats = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                long[] mine = new long[TEN_MILLION / 4];
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = sequence.nextCounter();
                }
                synchronized (seen) {
                    for (long counter : mine) {
                        if (counter < 0 || counter >= TEN_MILLION || seen.get((int) counter)) {
                            repeats.incrementAndGet();
                        } else {
                            seen.set((int) counter);
                        }
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(repeats).hasValue(0);
        assertThat(seen.cardinality()).isEqualTo(TEN_MILLION);
    }

    @Test
    void anExhaustedSequenceStaysExhaustedAndNeverWraps() {
        NonceSequence sequence = new NonceSequence(3);

        assertThat(new long[] {sequence.nextCounter(), sequence.nextCounter(), sequence.nextCounter()})
                .containsExactly(0, 1, 2);
        assertThat(sequence.nextCounter()).isEqualTo(-1);
        assertThat(sequence.nextCounter()).isEqualTo(-1);
    }

    @Test
    void theCounterFillsTheLastEightBytesBigEndian() {
        assertThat(NonceSequence.nonce(0x0102L)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2);
        assertThatThrownBy(() -> new NonceSequence(0)).hasMessage("limit must be >= 1 (was 0)");
    }
}
