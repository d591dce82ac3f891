package io.imsg.kafka.consume.internal;

import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.RouteTable;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.deadletter.DeadLetterWriter;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.kafka.retry.RetryTopology;
import io.imsg.kafka.retry.RetryWriter;
import io.imsg.kafka.security.RecordProtection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;

/**
 * A {@link RecordProcessor} for tests without a broker: its writes (outputs, retries, dead letters)
 * go to a {@link MockProducer}, which records and acknowledges them at once.
 */
final class TestProcessors {

    /** A lease that is always held: the record's partition stays assigned throughout. */
    static final PartitionLease OWNED = new PartitionLease() {
        @Override public boolean isOwned() { return true; }
        @Override public void writeStalled() { }
        @Override public void writeRecovered() { }
    };

    private TestProcessors() {}

    static RecordProcessor create(EnvelopeCodec codec, MockProducer<byte[], byte[]> producer, RouteTable routes,
            RetryTopology topology, RetryOrder order, RecordProtection protection) {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("test").build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaPublisher publisher = KafkaPublisher.create(kafka, PublisherSettings.ofDefaults(), codec, producer, registry);
        return new RecordProcessor(codec, routes, topology, publisher, new DeadLetterWriter(publisher.sender(), "group"),
                new RetryWriter(publisher.sender(), order instanceof ParkedKeys), FailureClassifier.defaults(),
                new ConsumerMetrics(registry, "group"), order, SubscriberSettings.builder("group").build(), protection);
    }
}
