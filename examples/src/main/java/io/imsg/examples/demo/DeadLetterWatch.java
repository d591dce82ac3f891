package io.imsg.examples.demo;

import io.imsg.api.header.ImsgHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a dead-letter topic from its beginning with a plain Kafka consumer, in the background, and
 * collects the message id of every dead letter. A plain consumer on purpose: the demo checks what
 * is really in the topic, not what iMSG believes it wrote. No consumer group, no commits.
 */
final class DeadLetterWatch implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Instant lastSeen;

    private DeadLetterWatch(String bootstrapServers, String topic) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "imsg-demo-dead-letter-watch",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(() -> run(topic), "imsg-demo-dead-letter-watch");
        thread.setDaemon(true);
    }

    /** Starts reading {@code topic}, which must exist. */
    static DeadLetterWatch start(String bootstrapServers, String topic) {
        DeadLetterWatch watch = new DeadLetterWatch(bootstrapServers, topic);
        watch.thread.start();
        return watch;
    }

    /** How many of {@code ids} were seen in the topic so far. */
    long countOf(Set<String> ids) {
        return ids.stream().filter(messageIds::contains).count();
    }

    /** The message ids seen so far: a snapshot. */
    Set<String> messageIds() {
        return Set.copyOf(messageIds);
    }

    /** When the last dead letter was read; empty before any. */
    Optional<Instant> lastSeen() {
        return Optional.ofNullable(lastSeen);
    }

    private void run(String topic) {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Header id = record.headers().lastHeader(ImsgHeaders.MESSAGE_ID);
                    if (id != null && id.value() != null) {
                        messageIds.add(new String(id.value(), StandardCharsets.UTF_8));
                        lastSeen = Instant.now();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
