package io.imsg.kafka.receipts;

import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.ImsgException;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.PublishResult;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.internal.ClientConfigs;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.internal.TopicFollower;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.receipts.internal.PendingRequests;
import io.imsg.kafka.topics.TopicProvisioner;
import io.imsg.schema.Receipt;
import io.imsg.schema.ReceiptStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's side of receipts and request/reply. It reads this service's reply topic (every
 * instance reads every partition, and keeps the records keyed with its own instance id), sends
 * messages that ask for receipts, and sends requests whose future the correlated reply completes.
 * Thread-safe; get it from {@code KafkaMessaging.requester()}.
 *
 * <pre>{@code
 * requester.onReceipt(receipt -> log.info("{} is {}", receipt.getMessageId(), receipt.getStatus()));
 * requester.send("orders", Message.of(order), ReceiptStatus.PROCESSED, ReceiptStatus.DEAD_LETTERED);
 *
 * Message<StockLevel> level = requester.request("stock-queries", Message.builder(query).build(),
 *         StockLevel.class, Duration.ofSeconds(5)).join();
 * }</pre>
 *
 * <p>A request fails with {@code ReplyTimeoutException} when no reply came in time, and with
 * {@code RequestDeadLetteredException} as soon as the receiver dead-lettered it. Receipts are
 * best effort: a receipt the receiver could not write is logged there, not retried. Requests and
 * messages sent here go straight to their topic: the presence send policy does not apply to them.
 */
public final class Requester implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Requester.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings kafka;
    private final ReplySettings settings;
    private final String replyTopic;
    private final EnvelopeCodec codec;
    private final KafkaPublisher publisher;
    private final byte[] ownKey;
    private final PendingRequests pending;
    private final List<Consumer<Receipt>> listeners = new CopyOnWriteArrayList<>();
    private final TopicFollower follower;

    public Requester(KafkaSettings kafka, ReplySettings settings, EnvelopeCodec codec, KafkaPublisher publisher) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.replyTopic = settings.topicFor(kafka.identity().service());
        this.codec = Objects.requireNonNull(codec, "codec");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.ownKey = kafka.identity().instance().getBytes(StandardCharsets.UTF_8);
        this.pending = new PendingRequests(settings.maxPendingRequests());
        this.follower = new TopicFollower(ClientConfigs.withPassThrough(kafka, "replies"), replyTopic,
                Duration.ofMillis(100), this::accept, () -> { });
    }

    /** The topic this instance reads receipts and replies from. */
    public String replyTopic() {
        return replyTopic;
    }

    /** Creates the reply topic when missing and starts reading it from its end. */
    public void start() {
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
            new TopicProvisioner(admin, START_TIMEOUT).ensure(Map.of(replyTopic, settings.partitions()),
                    Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.retention().toMillis())));
        }
        follower.start(false, START_TIMEOUT, "imsg-replies-" + kafka.identity().service());
        log.info("IMSG-1800 reading receipts and replies from {}", replyTopic);
    }

    /** Calls {@code listener} with every receipt for this instance's messages, on the reader's thread. */
    public AutoCloseable onReceipt(Consumer<Receipt> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Publishes {@code message} asking for the given receipts on this instance's reply topic. */
    public <T extends SpecificRecord> CompletableFuture<PublishResult> send(String topic, Message<T> message,
            ReceiptStatus... receipts) {
        if (receipts.length == 0) {
            throw new IllegalArgumentException("ask for at least one receipt status (or use the publisher)");
        }
        return sendAsking(topic, message, EnumSet.copyOf(Arrays.asList(receipts)));
    }

    /**
     * Sends {@code request} and returns a future completed by the first message published in reply
     * to it ({@link io.imsg.api.receipt.Replies#reply}), or failed after {@code timeout}.
     */
    public <T extends SpecificRecord> CompletableFuture<Message<SpecificRecord>> request(String topic,
            Message<T> request, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive (was " + timeout + ")");
        }
        CompletableFuture<Message<SpecificRecord>> reply = pending.register(request.id(), topic, timeout);
        sendAsking(topic, request, EnumSet.of(ReceiptStatus.DEAD_LETTERED)).whenComplete((sent, failure) -> {
            if (failure != null) {
                pending.failed(request.id(), failure);
            }
        });
        return reply;
    }

    /** Like {@link #request(String, Message, Duration)}, failing when the reply is not a {@code replyType}. */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord, R extends SpecificRecord> CompletableFuture<Message<R>> request(String topic,
            Message<T> request, Class<R> replyType, Duration timeout) {
        Objects.requireNonNull(replyType, "replyType");
        return request(topic, request, timeout).thenApply(reply -> {
            if (!replyType.isInstance(reply.payload())) {
                throw new ImsgException("reply to " + request.id() + " is a " + reply.type() + ", not a "
                        + replyType.getName());
            }
            return (Message<R>) (Message<?>) reply;
        });
    }

    /** Requests waiting for a reply now. */
    public int pendingRequests() {
        return pending.size();
    }

    private CompletableFuture<PublishResult> sendAsking(String topic, Message<?> message, Set<ReceiptStatus> receipts) {
        KafkaPublisher.Prepared prepared;
        try {
            prepared = publisher.prepare(topic, message);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // A few dozen bytes past the publisher's size check; the limit keeps 64 KiB of request headroom.
        var headers = prepared.record().headers();
        headers.remove(ImsgHeaders.REPLY_TO);
        headers.remove(ImsgHeaders.RECEIPTS);
        headers.remove(ImsgHeaders.INSTANCE); // receivers key receipts and replies with it
        headers.add(HeaderMapping.utf8(ImsgHeaders.INSTANCE, kafka.identity().instance()));
        headers.add(HeaderMapping.utf8(ImsgHeaders.REPLY_TO, replyTopic));
        headers.add(HeaderMapping.utf8(ImsgHeaders.RECEIPTS,
                receipts.stream().map(Enum::name).collect(Collectors.joining(","))));
        return publisher.send(prepared);
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null || !Arrays.equals(record.key(), ownKey)) {
            return; // another instance's, or a tombstone
        }
        RecordOrigin origin = new RecordOrigin(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()));
        Message<SpecificRecord> message;
        try {
            message = codec.decode(record.value(), origin);
        } catch (DecodingException e) {
            log.warn("IMSG-1805 a record for this instance on {} cannot be decoded, so the request it answers will "
                    + "time out; are reply types declared with KafkaMessaging.Builder.replyTypes? {}", origin,
                    e.toString());
            return;
        }
        if (message.payload() instanceof Receipt receipt) {
            if (receipt.getStatus() == ReceiptStatus.DEAD_LETTERED) {
                pending.deadLettered(receipt.getMessageId(), String.valueOf(receipt.getReason()));
            }
            listeners.forEach(listener -> notify(listener, receipt));
            return;
        }
        message.causationId().ifPresent(requestId -> {
            if (!pending.reply(requestId, message)) {
                log.debug("IMSG-1802 reply {} to {} came after its request ended; dropped", message.id(), requestId);
            }
        });
    }

    private static void notify(Consumer<Receipt> listener, Receipt receipt) {
        try {
            listener.accept(receipt);
        } catch (RuntimeException e) {
            log.warn("IMSG-1804 a receipt listener failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        follower.close();
        pending.closeAll();
    }
}
