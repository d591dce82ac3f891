package io.imsg.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the testkit's own integration tests. */
final class TestClients {

    private TestClients() {}

    /**
     * Sends {@code count} records ({@code "value-<i>"}, keyed {@code "key-<i>"}) with an idempotent
     * producer and {@code acks=all}, and returns once each is acknowledged.
     */
    static List<String> sendAcknowledged(KafkaBroker broker, String topic, int count) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.adminProperties());
        config.put("enable.idempotence", true);
        config.put("acks", "all");
        config.put("delivery.timeout.ms", 15_000);
        config.put("request.timeout.ms", 5_000);
        config.put("linger.ms", 0);
        List<String> values = IntStream.range(0, count).mapToObj(i -> "value-" + i).toList();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, values.get(i))).get(20, TimeUnit.SECONDS);
            }
        }
        return values;
    }

    /** Reads every partition of {@code topic} from the beginning until {@code expected} values arrived or time is up. */
    static List<String> readValues(KafkaBroker broker, String topic, int partitions, int expected, Duration timeout) {
        Map<String, Object> config = new HashMap<>(broker.adminProperties());
        config.put("enable.auto.commit", false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
