package io.imsg.kafka.internal;

import io.imsg.api.failure.ImsgException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic on its own thread, without a consumer group, and hands each
 * record to a sink; used for topics every instance reads in full (presence, replies). Starting
 * from the beginning, {@link #start} returns once what the topic held at start-up was read;
 * starting from the end, it returns once the positions are fixed, so nothing written after
 * {@code start} returns can be missed.
 *
 * <p>The sink and the tick run on the follower's thread; the sink must not throw for bad input
 * (a throw is logged and the record skipped).
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Duration pollTimeout;
    private final Consumer<ConsumerRecord<byte[], byte[]>> sink;
    private final Runnable tick;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private Map<TopicPartition, Long> startEnd;
    private Thread thread;

    public TopicFollower(Map<String, Object> clientConfig, String topic, Duration pollTimeout,
            Consumer<ConsumerRecord<byte[], byte[]>> sink, Runnable tick) {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(config);
        this.topic = Objects.requireNonNull(topic, "topic");
        this.pollTimeout = pollTimeout;
        this.sink = sink;
        this.tick = tick;
    }

    /** Assigns every partition, positions at the beginning or the end, and starts the thread. */
    public void start(boolean fromBeginning, Duration timeout, String threadName) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new ImsgException("topic " + topic + " has no partitions (does it exist?)");
        }
        consumer.assign(partitions);
        startEnd = consumer.endOffsets(partitions, timeout);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(partition -> consumer.position(partition, timeout)); // fixes the positions now
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
        try {
            if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ImsgException("did not read " + topic + " up to its end within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImsgException("interrupted while reading " + topic, e);
        }
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollTimeout)) {
                    deliver(record);
                }
                if (caughtUp.getCount() > 0 && isCaughtUp()) {
                    caughtUp.countDown();
                }
                tick.run();
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } catch (RuntimeException e) {
            log.error("IMSG-1790 follower of {} stopped: {}", topic, e.toString(), e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            finished.countDown();
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record) {
        try {
            sink.accept(record);
        } catch (RuntimeException e) {
            log.warn("IMSG-1791 record {}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
        }
    }

    private boolean isCaughtUp() {
        for (Map.Entry<TopicPartition, Long> end : startEnd.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        if (thread == null) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            return;
        }
        consumer.wakeup();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
