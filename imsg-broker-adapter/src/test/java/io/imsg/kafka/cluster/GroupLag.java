package io.imsg.kafka.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A consumer group's lag on one topic: records not yet committed, summed over its partitions. */
final class GroupLag implements AutoCloseable {

    private final Admin admin;

    GroupLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** The lag now; a partition the group never committed counts from offset 0. */
    long of(String group, String topic, int partitions)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p))
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** Polls until the lag is 0; returns how long that took, or empty if it is not 0 by the timeout. */
    Optional<Duration> awaitZero(String group, String topic, int partitions, Duration timeout) throws InterruptedException {
        long begin = System.nanoTime();
        while (System.nanoTime() - begin < timeout.toNanos()) {
            try {
                if (of(group, topic, partitions) == 0) {
                    return Optional.of(Duration.ofNanos(System.nanoTime() - begin));
                }
            } catch (ExecutionException | TimeoutException e) {
                // A coordinator moving after the kill answers with errors for a while; ask again.
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        admin.close();
    }
}
