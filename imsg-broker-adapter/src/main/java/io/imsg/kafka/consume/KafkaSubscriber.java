package io.imsg.kafka.consume;

import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.failure.ImsgException;
import io.imsg.api.metrics.MeterNames;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.RouteTable;
import io.imsg.api.spi.Subscriber;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.internal.ConsumerLoops;
import io.imsg.kafka.consume.internal.ConsumerLoop;
import io.imsg.kafka.consume.internal.LaneAdvice;
import io.imsg.kafka.consume.internal.SubscriberChecks;
import io.imsg.kafka.deadletter.DeadLetterListener;
import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.imsg.kafka.internal.ClientConfigs;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.lanes.PriorityLanes;
import io.imsg.kafka.retry.RetryStage;
import io.imsg.kafka.retry.RetryTopology;
import io.imsg.kafka.topics.TopicProvisioner;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes every topic of a {@link RouteTable} as one member of a consumer group, hands each
 * message to its route on a worker pool, and commits what was handled or dead-lettered.
 *
 * <pre>{@code
 * KafkaSubscriber subscriber = KafkaSubscriber.builder(kafka, SubscriberSettings.builder("inventory").build())
 *         .routes(router)
 *         .codec(codec)
 *         .publisher(publisher)          // publishes handler outputs and dead letters
 *         .meterRegistry(registry)
 *         .build();
 * subscriber.start();
 * }</pre>
 *
 * <p>{@link #start()} creates the dead-letter and retry topics that are missing (the routed topics
 * must exist) and starts the poll thread. {@link #close()} stops fetching, lets in-flight handlers
 * finish within the close timeout, commits, and leaves the group.
 */
public final class KafkaSubscriber implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(KafkaSubscriber.class);
    /** Dead-letter metadata is truncated to 8 KiB; retry metadata is far smaller. */
    private static final int DERIVED_TOPIC_HEADROOM_BYTES = 16 * 1024;

    private final KafkaSettings kafka;
    private final SubscriberSettings settings;
    private final RouteTable routes;
    private final EnvelopeCodec codec;
    private final KafkaPublisher publisher;
    private final MeterRegistry registry;
    private final FailureClassifier classifier;
    private final DeadLetterListener deadLetterListener;
    private final MeterNames names;
    private ConsumerLoop loop;
    private Thread thread;

    private KafkaSubscriber(Builder b) {
        this.kafka = b.kafka;
        this.settings = b.settings;
        this.routes = Objects.requireNonNull(b.routes, "routes are required");
        this.codec = Objects.requireNonNull(b.codec, "codec is required");
        this.publisher = Objects.requireNonNull(b.publisher, "publisher is required");
        this.registry = Objects.requireNonNull(b.registry, "meterRegistry is required");
        this.classifier = b.classifier;
        this.deadLetterListener = b.deadLetterListener;
        this.names = b.names;
        SubscriberChecks.check(kafka, settings, routes);
    }

    public static Builder builder(KafkaSettings kafka, SubscriberSettings settings) {
        return new Builder(kafka, settings);
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("subscriber of group " + settings.groupId() + " was already started");
        }
        provisionDerivedTopics();
        loop = ConsumerLoops.create(kafka, settings, routes, codec, publisher, classifier, registry, names,
                deadLetterListener);
        thread = new Thread(loop, "imsg-poll-" + settings.groupId());
        thread.start();
        log.info("IMSG-1040 subscriber of group {} started on topics {}", settings.groupId(),
                ConsumerLoops.topology(routes, settings).allTopics());
    }

    /**
     * Creates the missing dead-letter and retry topics with their routed topic's partition count,
     * and room for iMSG's headers above its record size limit: a record that fit its topic must fit
     * its dead-letter topic, or it could never be dead-lettered.
     */
    private void provisionDerivedTopics() {
        RetryTopology topology = ConsumerLoops.topology(routes, settings);
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            Map<String, Integer> partitions = provisioner.partitionCounts(routes.topics());
            Map<String, Integer> maxBytes = provisioner.maxMessageBytes(routes.topics());
            partitions.forEach((topic, count) -> {
                Map<String, Integer> derived = new HashMap<>();
                derived.put(DeadLetterTopics.of(topic), count);
                topology.stagesOf(topic).forEach(stage -> derived.put(stage.topic(), count));
                if (settings.priorityLanes()) {
                    // A lane carries the same records as its topic, so the same limit, without headroom.
                    provisioner.ensure(Map.of(PriorityLanes.laneOf(topic), count),
                            PriorityLanes.topicConfigs(maxBytes.get(topic)));
                }
                long limit = (long) maxBytes.get(topic) + DERIVED_TOPIC_HEADROOM_BYTES;
                provisioner.ensure(derived, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Long.toString(Math.min(limit, Integer.MAX_VALUE))));
                if (settings.orderedRetryTopics()) {
                    // A lane's failed records go to the retry topics' partition of the same number too.
                    List<String> samePartitions = new ArrayList<>(
                            topology.stagesOf(topic).stream().map(RetryStage::topic).toList());
                    if (settings.priorityLanes()) {
                        samePartitions.add(PriorityLanes.laneOf(topic));
                    }
                    requireSamePartitions(topic, count, provisioner.partitionCounts(samePartitions));
                }
            });
            if (settings.priorityLanes()) {
                LaneAdvice.warnOfDenseLaneIndexes(provisioner, partitions.keySet());
            } else {
                LaneAdvice.warnOfUnreadLanes(provisioner, partitions.keySet(), settings.groupId());
            }
        }
    }

    /** Ordered retry topics write to the consumed record's partition number; the retry topic must have it. */
    private static void requireSamePartitions(String topic, int count, Map<String, Integer> others) {
        others.forEach((other, otherCount) -> {
            if (otherCount != count) {
                // Kafka can add partitions to a topic but never remove them.
                String remedy = otherCount < count ? "add partitions to it (kafka-topics --alter --partitions " + count
                        + ")" : "recreate it with " + count + " partitions, or turn orderedRetryTopics off";
                throw new ImsgException("orderedRetryTopics needs " + other + " to have the partition count of "
                        + topic + " (" + count + "), but it has " + otherCount + "; " + remedy);
            }
        });
    }

    @Override
    public boolean isRunning() {
        ConsumerLoop current = loop;
        return current != null && current.isRunning();
    }

    @Override
    public synchronized void close() {
        if (loop == null) {
            return;
        }
        loop.stop();
        try {
            long waitMillis = settings.closeTimeout().plus(ConsumerLoop.MAX_CLOSE_OVERHEAD).toMillis();
            if (!loop.awaitFinished(waitMillis)) {
                log.warn("IMSG-1041 subscriber of group {} did not stop within {} ms", settings.groupId(), waitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImsgException("interrupted while closing the subscriber of group " + settings.groupId(), e);
        }
    }

    public static final class Builder {

        private final KafkaSettings kafka;
        private final SubscriberSettings settings;
        private RouteTable routes;
        private EnvelopeCodec codec;
        private KafkaPublisher publisher;
        private MeterRegistry registry;
        private FailureClassifier classifier = FailureClassifier.defaults();
        private DeadLetterListener deadLetterListener = DeadLetterListener.NONE;
        private MeterNames names = MeterNames.defaults();

        private Builder(KafkaSettings kafka, SubscriberSettings settings) {
            this.kafka = Objects.requireNonNull(kafka, "kafka settings are required");
            this.settings = Objects.requireNonNull(settings, "subscriber settings are required");
        }

        public Builder routes(RouteTable routes) {
            this.routes = Objects.requireNonNull(routes, "routes");
            return this;
        }

        public Builder codec(EnvelopeCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public Builder publisher(KafkaPublisher publisher) {
            this.publisher = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        public Builder classifier(FailureClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** Told about each acknowledged dead letter; receipts use it. */
        public Builder deadLetterListener(DeadLetterListener listener) {
            this.deadLetterListener = Objects.requireNonNull(listener, "deadLetterListener");
            return this;
        }

        /** The consumer's meter names; defaults to {@link MeterNames#defaults()}. */
        public Builder meterNames(MeterNames names) {
            this.names = Objects.requireNonNull(names, "meterNames");
            return this;
        }

        public KafkaSubscriber build() {
            return new KafkaSubscriber(this);
        }
    }
}
