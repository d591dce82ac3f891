package io.imsg.kafka.consume;

import io.imsg.api.TopicNames;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.failure.ImsgException;
import io.imsg.api.metrics.MeterNames;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.RouteTable;
import io.imsg.api.spi.Subscriber;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.internal.ConsumerLoops;
import io.imsg.kafka.consume.internal.ConsumerLoop;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
        checkConfiguration(kafka, settings, routes);
    }

    /**
     * The checks a subscriber makes when built, for callers that must make them before creating any
     * client: each describes a mistake in code or configuration, so it belongs at build, not start.
     *
     * @throws IllegalArgumentException naming the setting
     */
    public static void checkConfiguration(KafkaSettings kafka, SubscriberSettings settings, RouteTable routes) {
        ClientConfigs.checkConsumerPassThrough(kafka.clientProperties(), settings);
        settings.checkRetryDelaysRouted(routes.topics());
        checkDerivedTopicNames(routes, settings);
    }

    /**
     * A routed topic name near Kafka's 249 characters leaves no room for the names iMSG derives from
     * it; found here rather than when the first record fails or the first HIGH message is sent.
     */
    private static void checkDerivedTopicNames(RouteTable routes, SubscriberSettings settings) {
        RetryTopology topology = ConsumerLoops.topology(routes, settings);
        for (String topic : routes.topics()) {
            TopicNames.requireLegal(DeadLetterTopics.of(topic), "the dead-letter topic of " + topic);
            if (settings.priorityLanes()) {
                TopicNames.requireLegal(PriorityLanes.laneOf(topic), "the priority lane of " + topic);
            }
            topology.stagesOf(topic).forEach(stage -> TopicNames.requireLegal(stage.topic(),
                    "the retry topic of " + topic));
        }
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
                    requireSamePartitions(topic, count, provisioner.partitionCounts(
                            topology.stagesOf(topic).stream().map(RetryStage::topic).toList()));
                }
            });
            if (settings.priorityLanes()) {
                warnOfDenseLaneIndexes(provisioner, partitions.keySet());
            } else {
                warnOfUnreadLanes(provisioner, partitions.keySet());
            }
        }
    }

    /**
     * With its lanes off, this group reads no lane, while publishers put HIGH messages in one by
     * default: those would wait there, unhandled by this group. Only advice: another group may be
     * the lane's reader, and a failure to look (an ACL, say) must not stop the start.
     */
    private void warnOfUnreadLanes(TopicProvisioner provisioner, Collection<String> topics) {
        List<String> lanes = topics.stream().map(PriorityLanes::laneOf).toList();
        Set<String> existing;
        try {
            existing = provisioner.existing(lanes);
        } catch (ImsgException unreadable) {
            log.debug("IMSG-1506 could not tell whether priority lanes {} exist: {}", lanes, unreadable.toString());
            return;
        }
        existing.forEach(lane -> log.warn("IMSG-1505 priority lane {} exists, but group {} has its priority lanes off"
                + " and does not read it: HIGH messages that publishers put there are not handled by this group; turn"
                + " SubscriberSettings.priorityLanes on, or publish without lanes", lane, settings.groupId()));
    }

    /**
     * Lanes that existed before iMSG created lanes with a sparse index keep the dense one; operators
     * should know. Only advice: a failure to read the configs (an ACL, say) must not stop the start.
     */
    private static void warnOfDenseLaneIndexes(TopicProvisioner provisioner, Collection<String> topics) {
        List<String> lanes = topics.stream().map(PriorityLanes::laneOf).toList();
        Map<String, String> intervals;
        try {
            intervals = provisioner.topicConfig(lanes, TopicConfig.INDEX_INTERVAL_BYTES_CONFIG);
        } catch (ImsgException unreadable) {
            log.debug("IMSG-1504 could not read the index interval of lanes {}: {}", lanes, unreadable.toString());
            return;
        }
        intervals.forEach((lane, interval) -> {
            if (PriorityLanes.hasDenseIndex(interval)) {
                log.warn("IMSG-1503 priority lane {} has index.interval.bytes={}; iMSG creates lanes with {} because "
                        + "on a busy broker disk a dense index made HIGH messages wait ~200 ms. Existing topics keep "
                        + "their configs: set it with kafka-configs --alter (README, \"Important messages\")",
                        lane, interval, PriorityLanes.INDEX_INTERVAL_BYTES);
            }
        });
    }

    /** Ordered retry topics write to the source record's partition number; the retry topic must have it. */
    private static void requireSamePartitions(String topic, int count, Map<String, Integer> retryTopics) {
        retryTopics.forEach((retryTopic, retryCount) -> {
            if (retryCount != count) {
                throw new ImsgException("orderedRetryTopics needs " + retryTopic + " to have the partition count of "
                        + topic + " (" + count + "), but it has " + retryCount);
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
