package io.imsg.kafka.consume.internal;

import io.imsg.kafka.retry.OriginalRecord;
import io.imsg.kafka.retry.RetryStage;
import io.imsg.kafka.retry.RetryTopology;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The default mode: retry topics never hold a key back, and a failure moves to the topic's next stage. */
final class UnorderedRetries implements RetryOrder {

    private final RetryTopology topology;

    UnorderedRetries(RetryTopology topology) {
        this.topology = topology;
    }

    @Override
    public Turn turnOf(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin) {
        return Turn.HANDLE;
    }

    @Override
    public Optional<RetryStage> nextAfterFailure(ConsumerRecord<byte[], byte[]> record) {
        return topology.nextAfter(record.topic());
    }

    @Override
    public void movedTo(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin, RetryStage stage) {}

    @Override
    public void resolved(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin) {}
}
