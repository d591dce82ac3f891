package io.imsg.examples.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline: a plain kafka-clients producer and one consumer thread doing the same work as an
 * iMSG handler, one record after another, committing after each polled batch was processed (the
 * classic at-least-once loop). The value is the sequence number and intended send time followed by
 * filler up to the payload size. With {@link LoadSettings#rawHeaders()} each record also carries
 * headers like iMSG's mirrored ones ({@link RawMirroredHeaders}).
 */
final class RawTarget implements LoadTarget {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String topic;
    private final LoadSettings settings;
    private final LoadProbe probe;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Acks acks = new Acks();
    private final RawMirroredHeaders mirrored = new RawMirroredHeaders();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Thread pollThread;
    private volatile boolean running = true;

    RawTarget(String bootstrapServers, String topic, LoadSettings settings, LoadProbe probe) {
        this.topic = topic;
        this.settings = settings;
        this.probe = probe;
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, settings));
        this.consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, settings, "raw-" + topic));
        this.pollThread = new Thread(this::consume, "raw-poll-" + topic);
    }

    /** The same producer settings iMSG's publisher uses by default. */
    static Map<String, Object> producerConfig(String servers, LoadSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putAll(settings.producerProperties());
        return config;
    }

    /** iMSG's consumer defaults that matter for speed (poll size, OS-sized receive buffer). */
    static Map<String, Object> consumerConfig(String servers, LoadSettings settings, String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putAll(settings.consumerProperties());
        return config;
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public void startConsuming() {
        pollThread.start();
        try {
            if (!assigned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the raw consumer was not assigned " + topic + " within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the raw consumer", e);
        }
    }

    @Override
    public void send(long seq, long intendedNanos) {
        ByteBuffer value = ByteBuffer.allocate(settings.payloadBytes());
        value.putLong(seq).putLong(intendedNanos);
        String key = settings.keyOf(seq);
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        acks.sent();
        Iterable<Header> headers = settings.rawHeaders() ? mirrored.next() : null;
        producer.send(new ProducerRecord<>(topic, null, keyBytes, value.array(), headers),
                (metadata, failure) -> acks.answered(failure));
    }

    @Override
    public long awaitAcks() {
        producer.flush();
        return acks.await();
    }

    private void consume() {
        try {
            consumer.subscribe(List.of(topic), new Assigned());
            while (running) {
                var records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
            consumer.commitSync();
        } catch (WakeupException e) {
            // close() woke the poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        ByteBuffer value = ByteBuffer.wrap(record.value());
        long seq = value.getLong();
        probe.started(seq);
        long intended = value.getLong();
        settings.work().perform();
        probe.succeeded(seq, intended);
    }

    @Override
    public void close() {
        running = false;
        if (pollThread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ZERO); // never started, so the poll thread will not close it
        } else {
            consumer.wakeup();
        }
        try {
            pollThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }

    private final class Assigned implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                assigned.countDown();
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
    }
}
