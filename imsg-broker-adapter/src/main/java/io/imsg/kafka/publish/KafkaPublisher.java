package io.imsg.kafka.publish;

import io.imsg.api.Message;
import io.imsg.api.failure.ImsgException;
import io.imsg.api.failure.MessageTooLargeException;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.metrics.MeterNames;
import io.imsg.api.metrics.MeterTags;
import io.imsg.api.receipt.ReplyTopics;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.PublishResult;
import io.imsg.api.spi.Publisher;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.internal.ClientConfigs;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.internal.RecordSender;
import io.imsg.kafka.lanes.LaneSelector;
import io.imsg.kafka.lanes.PriorityLanes;
import io.imsg.kafka.topics.TopicProvisioner;
import io.imsg.schema.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes typed messages to Kafka with an idempotent {@code acks=all} producer. Thread-safe; one
 * per service. The message's key becomes the record key, so one key always lands on one partition.
 * Counts acknowledged messages, and binds the producer's own metrics ({@code kafka.producer.*},
 * through Micrometer's {@link KafkaClientMetrics}) to the registry until {@link #close()}.
 *
 * <pre>{@code
 * try (KafkaPublisher publisher = KafkaPublisher.create(kafka, PublisherSettings.ofDefaults(), codec, registry)) {
 *     publisher.publish("orders", Message.builder(order).key(order.getSku()).build()).join();
 * }
 * }</pre>
 */
public final class KafkaPublisher implements Publisher {

    private static final int PRIORITIES = Priority.values().length;
    private static final Duration LANE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings kafka;
    private final PublisherSettings settings;
    private final EnvelopeCodec codec;
    private final RecordSender sender;
    private final MeterRegistry registry;
    private final MeterNames names;
    private final KafkaClientMetrics clientMetrics;
    /** The copying producer's metrics, once RecordSender made that producer. */
    private final AtomicReference<KafkaClientMetrics> copyingClientMetrics = new AtomicReference<>();
    private final HeaderStamp stamp;
    private final MirroredHeaders mirroredHeaders;
    private final LaneSelector lanes;
    private final AutoCloseable laneAdmin;
    private final ReplyTopicCheck replyTopics;
    private final Map<String, Map<String, AtomicReferenceArray<Counter>>> publishedCounters = new ConcurrentHashMap<>();

    private KafkaPublisher(KafkaSettings kafka, PublisherSettings settings, EnvelopeCodec codec,
            Producer<byte[], byte[]> producer, Supplier<Producer<byte[], byte[]>> copyingProducer, MeterRegistry registry,
            MeterNames names, HeaderStamp stamp, LaneSelector lanes, AutoCloseable laneAdmin,
            ReplyTopicCheck replyTopics) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.names = Objects.requireNonNull(names, "names");
        this.sender = copyingProducer == null ? new RecordSender(Objects.requireNonNull(producer, "producer"))
                : new RecordSender(Objects.requireNonNull(producer, "producer"), settings.maxMessageBytes(),
                        () -> withMetrics(copyingProducer.get()));
        this.stamp = Objects.requireNonNull(stamp, "stamp");
        this.mirroredHeaders = new MirroredHeaders(kafka.identity());
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.laneAdmin = Objects.requireNonNull(laneAdmin, "laneAdmin");
        this.replyTopics = Objects.requireNonNull(replyTopics, "replyTopics");
        this.clientMetrics = new KafkaClientMetrics(producer);
        clientMetrics.bindTo(registry);
    }

    public static KafkaPublisher create(KafkaSettings kafka, PublisherSettings settings, EnvelopeCodec codec,
            MeterRegistry registry) {
        return create(kafka, settings, codec, registry, HeaderStamp.NONE, MeterNames.defaults());
    }

    /**
     * A publisher that stamps every record with {@code stamp} (the sender's presence headers) and
     * names its meters with {@code names} (see {@link MeterNames#published()}).
     */
    public static KafkaPublisher create(KafkaSettings kafka, PublisherSettings settings, EnvelopeCodec codec,
            MeterRegistry registry, HeaderStamp stamp, MeterNames names) {
        var producer = new KafkaProducer<byte[], byte[]>(ClientConfigs.producer(kafka, settings));
        Supplier<Producer<byte[], byte[]>> copies = () -> new KafkaProducer<>(ClientConfigs.copyingProducer(kafka, settings));
        if (!settings.priorityLanes()) {
            return new KafkaPublisher(kafka, settings, codec, producer, copies, registry, names, stamp,
                    LaneSelector.disabled(), () -> {},
                    ReplyTopicCheck.using(() -> Admin.create(ClientConfigs.admin(kafka))));
        }
        Admin admin = Admin.create(ClientConfigs.admin(kafka));
        TopicProvisioner provisioner = new TopicProvisioner(admin, LANE_TIMEOUT);
        Consumer<String> warm = topic -> producer.partitionsFor(PriorityLanes.laneOf(topic));
        LaneSelector lanes = LaneSelector.enabled(LaneSelector.provisioning(provisioner).andThen(warm), topic -> {
            boolean exists = provisioner.exists(PriorityLanes.laneOf(topic));
            if (exists) {
                warm.accept(topic);
            }
            return exists;
        });
        return new KafkaPublisher(kafka, settings, codec, producer, copies, registry, names, stamp, lanes, admin,
                ReplyTopicCheck.sharing(admin)); // one admin client for lanes and reply topics
    }

    /**
     * A publisher on a producer the caller owns (one configured elsewhere, or Kafka's MockProducer
     * in tests). It must be an idempotent {@code acks=all} producer of byte arrays for iMSG's
     * durability promises to hold; {@link #close()} closes it. Priority lanes are neither created nor
     * looked up by this publisher: with lanes on, HIGH messages go to {@code <topic>.priority}, which
     * must exist.
     */
    public static KafkaPublisher create(KafkaSettings kafka, PublisherSettings settings, EnvelopeCodec codec,
            Producer<byte[], byte[]> producer, MeterRegistry registry) {
        LaneSelector lanes = settings.priorityLanes() ? LaneSelector.enabled(topic -> {}) : LaneSelector.disabled();
        return new KafkaPublisher(kafka, settings, codec, producer, null, registry, MeterNames.defaults(),
                HeaderStamp.NONE, lanes, () -> {}, ReplyTopicCheck.none());
    }

    /** The producer behind this publisher; the subscriber writes outputs and dead letters through it. */
    public RecordSender sender() {
        return sender;
    }

    @Override
    public <T extends SpecificRecord> CompletableFuture<PublishResult> publish(String topic, Message<T> message) {
        Prepared prepared;
        try {
            prepared = prepare(topic, message);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return send(prepared);
    }

    /**
     * Encodes and size-checks a message without sending it, so a caller with several messages can
     * learn that one of them can never be sent before it sends any.
     *
     * @throws NonRetryableException when the message cannot be encoded or is over the size limit
     */
    public Prepared prepare(String topic, Message<?> message) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
        Message<?> stamped = stamped(message);
        try {
            return new Prepared(toRecord(lanes.topicFor(topic, stamped), stamped), stamped);
        } catch (NonRetryableException e) {
            throw e;
        } catch (RuntimeException e) {
            // An encoding failure (a null in a required field, say) fails the same way every time.
            throw new NonRetryableException("message " + message.id() + " for " + topic + " cannot be encoded: " + e, e);
        }
    }

    /**
     * Sends a prepared message; the future completes when the broker acknowledged it. One to a reply
     * topic the cluster says does not exist fails at once (see {@link ReplyTopicCheck}).
     */
    public CompletableFuture<PublishResult> send(Prepared prepared) {
        String topic = prepared.record().topic();
        String id;
        Counter published;
        try {
            id = prepared.message().id();
            if (ReplyTopics.isValid(topic) && !replyTopics.mayExist(topic)) {
                // Before the counter: its topic tag must not take names off the wire that name nothing.
                return CompletableFuture.failedFuture(new ImsgException("publishing " + id + " to " + topic
                        + " failed: the reply topic does not exist", new UnknownTopicOrPartitionException(topic)));
            }
            // Looked up on the caller's thread, where the message was just built: on the producer's
            // network thread, reading the message again cost a cache miss per acknowledgement.
            published = publishedCounter(PriorityLanes.logicalOf(topic), prepared.message()); // lanes show in the priority tag
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // like a failed send: callers handle one failure path
        }
        return sender.send(prepared.record()).handle((metadata, failure) -> {
            if (failure != null) {
                throw new ImsgException("publishing " + id + " to " + topic + " failed: " + failure, failure);
            }
            published.increment();
            return new PublishResult(metadata.topic(), metadata.partition(), metadata.offset(), id);
        });
    }

    /** Binds the copying producer's own metrics too, like the ordinary producer's; RecordSender makes it once. */
    private Producer<byte[], byte[]> withMetrics(Producer<byte[], byte[]> copying) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(copying);
        metrics.bindTo(registry);
        copyingClientMetrics.set(metrics);
        return copying;
    }

    /** A message encoded into its record, ready to send. */
    public record Prepared(ProducerRecord<byte[], byte[]> record, Message<?> message) {}

    private Message<?> stamped(Message<?> message) {
        return message.source().isPresent() ? message : message.withSource(kafka.identity());
    }

    private ProducerRecord<byte[], byte[]> toRecord(String topic, Message<?> message) {
        // Encrypt, then sign the bytes as written; both are no-ops for topics without protection. Both
        // bind the logical topic, so a HIGH message on the priority lane is protected like the rest.
        String logical = PriorityLanes.logicalOf(topic);
        byte[] value = kafka.protection().seal(logical, message.id(), message.type(), codec.encode(message));
        byte[] key = message.key().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
        RecordHeaders headers = mirroredHeaders.of(message);
        stamp.stamp(headers);
        kafka.protection().sign(logical, key, value, headers);
        long size = value.length + (key == null ? 0 : key.length) + HeaderMapping.sizeOf(headers);
        if (size > settings.maxMessageBytes()) {
            throw new MessageTooLargeException("message " + message.id() + " for " + topic, size,
                    settings.maxMessageBytes(), null);
        }
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    /**
     * Runs for every message sent, so it looks the counter up without building a key: topic, then
     * type, then the priority's slot. The counter is incremented when the broker acknowledges.
     */
    private Counter publishedCounter(String topic, Message<?> message) {
        Map<String, AtomicReferenceArray<Counter>> byType = publishedCounters.get(topic);
        if (byType == null) {
            byType = publishedCounters.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        }
        AtomicReferenceArray<Counter> byPriority = byType.get(message.type());
        if (byPriority == null) {
            byPriority = byType.computeIfAbsent(message.type(), t -> new AtomicReferenceArray<>(PRIORITIES));
        }
        int slot = message.priority().ordinal();
        Counter counter = byPriority.get(slot);
        if (counter == null) {
            // Two threads racing here get the same counter back from the registry.
            counter = Counter.builder(names.published())
                    .description("Messages acknowledged by the broker")
                    .tag(MeterTags.TOPIC, topic)
                    .tag(MeterTags.TYPE, message.type())
                    .tag(MeterTags.PRIORITY, message.priority().name())
                    .register(registry);
            byPriority.set(slot, counter);
        }
        return counter;
    }

    @Override
    public void close() {
        try {
            lanes.close();
            sender.close();
            replyTopics.close(); // before the lane admin client, which it may share
            laneAdmin.close();
        } catch (Exception e) {
            throw new ImsgException("closing the publisher failed", e);
        } finally {
            clientMetrics.close(); // after the producer: its last metrics stay readable until it is gone
            KafkaClientMetrics copying = copyingClientMetrics.get();
            if (copying != null) {
                copying.close();
            }
        }
    }
}
