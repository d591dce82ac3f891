package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - 1_000); // wraps during the test
    private final RateLimit limit = new RateLimit(Duration.ofNanos(100), now::get);

    @Test
    void theFirstCallerPassesAndOthersAreRefusedUntilTheIntervalPasses() {
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
        now.addAndGet(99);
        assertThat(limit.tryAcquire()).isFalse();
        now.addAndGet(1);
        assertThat(limit.tryAcquire()).isTrue();
    }

    @Test
    void theClockWrappingAroundDoesNotBlockForever() {
        limit.tryAcquire();
        now.addAndGet(2_000);

        assertThat(limit.tryAcquire()).isTrue();
    }
}
