package io.imsg.kafka.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

    @Test
    void nothingIsCommittableBeforeTheFirstRecordFinishes() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.track(10);
        offsets.track(11);
        offsets.complete(11);

        assertThat(offsets.committable()).isEqualTo(-1);
        assertThat(offsets.pending()).isEqualTo(2);
    }

    @Test
    void committableIsOnePastTheContiguousFinishedPrefix() {
        PartitionOffsets offsets = new PartitionOffsets();
        for (long o = 0; o < 5; o++) {
            offsets.track(o);
        }
        offsets.complete(0);
        offsets.complete(1);
        offsets.complete(3);

        assertThat(offsets.committable()).isEqualTo(2);

        offsets.complete(2);
        assertThat(offsets.committable()).isEqualTo(4);
        assertThat(offsets.pending()).isEqualTo(1);
    }

    @Test
    void gapsInOffsetsDoNotBlockTheCommit() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.track(3);
        offsets.track(7); // 4..6 compacted away or transaction markers
        offsets.complete(3);
        offsets.complete(7);

        assertThat(offsets.committable()).isEqualTo(8);
    }

    @Test
    void anUnfinishedRecordIsNeverPassedOverWhateverTheCompletionOrder() {
        Random random = new Random(42);
        PartitionOffsets offsets = new PartitionOffsets();
        List<Long> all = new ArrayList<>();
        for (long o = 0; o < 5_000; o++) { // also exercises ring-buffer growth
            offsets.track(o);
            all.add(o);
        }
        Collections.shuffle(all, random);
        java.util.TreeSet<Long> unfinished = new java.util.TreeSet<>(all);
        for (long o : all) {
            offsets.complete(o);
            unfinished.remove(o);
            long expected = unfinished.isEmpty() ? 5_000 : unfinished.first();
            assertThat(Math.max(offsets.committable(), 0)).isEqualTo(expected);
        }
    }

    @Test
    void trackingOutOfOrderOrCompletingAnUnknownOffsetIsABug() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.track(5);

        assertThat(offsets.canTrack(5)).isFalse();
        assertThatThrownBy(() -> offsets.track(4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("out of order");
        assertThatThrownBy(() -> offsets.complete(6)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not tracked");
    }

    @Test
    void afterEverythingFinishedOnlyLaterOffsetsCanBeTracked() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.track(5);
        offsets.complete(5);

        assertThat(offsets.canTrack(5)).isFalse();
        assertThat(offsets.canTrack(6)).isTrue();
    }
}
