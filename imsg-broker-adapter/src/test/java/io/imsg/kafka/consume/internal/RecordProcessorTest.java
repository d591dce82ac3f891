package io.imsg.kafka.consume.internal;

import static io.imsg.kafka.consume.internal.TestProcessors.OWNED;
import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.failure.OutputRefusedException;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.receipt.ReplyTopics;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.security.RecordProtection;
import io.imsg.kafka.retry.RetryTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decisions of one record's processing, without a broker: what is written where. Kafka's
 * MockProducer records the writes and acknowledges them at once. Broker behaviour (acks, pauses,
 * commits) is covered by the integration tests.
 */
class RecordProcessorTest {

    private static final String TOPIC = "orders";
    private static final String OUTPUTS = "reservations";

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<Boolean> settled = new ArrayList<>();

    @Test
    void undecodableBytesAreDeadLetteredAsTheyCameWithoutReachingTheHandler() {
        byte[] garbage = "not an envelope".getBytes(StandardCharsets.UTF_8);

        boolean resolved = processor((m, c) -> settled.add(null), List.of()).process(record(TOPIC, garbage), OWNED);

        assertThat(resolved).isTrue();
        assertThat(settled).isEmpty();
        assertThat(sentTo("orders.dlt")).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(garbage));
    }

    @Test
    void aRetryableFailureMovesToTheFirstStageCarryingItsOriginAndNextAttempt() {
        RecordProcessor processor = processor((m, c) -> {
            throw new IllegalStateException("database busy");
        }, List.of(Duration.ofSeconds(1), Duration.ofSeconds(10)));

        assertThat(processor.process(record(TOPIC, valid("o-1")), OWNED)).isTrue();

        ProducerRecord<byte[], byte[]> retry = sentTo("orders.retry.1s").get(0);
        assertThat(header(retry, ImsgHeaders.ATTEMPT)).isEqualTo("2");
        assertThat(header(retry, ImsgHeaders.RETRY_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(retry, ImsgHeaders.RETRY_ORIGINAL_OFFSET)).isEqualTo("17");
        assertThat(sentTo("orders.dlt")).isEmpty();
    }

    @Test
    void aFailureOnTheLastStageIsDeadLetteredNamingTheOriginalRecord() {
        RecordProcessor processor = processor((m, c) -> {
            throw new IllegalStateException("still busy");
        }, List.of(Duration.ofSeconds(1)));
        RecordHeaders retryHeaders = new RecordHeaders();
        retryHeaders.add(utf8(ImsgHeaders.ATTEMPT, "2"));
        retryHeaders.add(utf8(ImsgHeaders.RETRY_ORIGINAL_TOPIC, TOPIC));
        retryHeaders.add(utf8(ImsgHeaders.RETRY_ORIGINAL_PARTITION, "3"));
        retryHeaders.add(utf8(ImsgHeaders.RETRY_ORIGINAL_OFFSET, "99"));
        retryHeaders.add(utf8(ImsgHeaders.RETRY_ORIGINAL_TIMESTAMP, "5"));

        assertThat(processor.process(record("orders.retry.1s", valid("o-1"), retryHeaders), OWNED)).isTrue();

        ProducerRecord<byte[], byte[]> deadLetter = sentTo("orders.dlt").get(0);
        assertThat(header(deadLetter, ImsgHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(deadLetter, ImsgHeaders.DLT_ORIGINAL_PARTITION)).isEqualTo("3");
        assertThat(header(deadLetter, ImsgHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo("99");
        assertThat(header(deadLetter, ImsgHeaders.DLT_ATTEMPTS)).isEqualTo("2");
        assertThat(deadLetter.headers().lastHeader(ImsgHeaders.RETRY_ORIGINAL_TOPIC)).isNull();
    }

    @Test
    void aNonRetryableFailureSkipsTheRetryStages() {
        RecordProcessor processor = processor((m, c) -> {
            throw new NonRetryableException("unknown sku");
        }, List.of(Duration.ofSeconds(1)));

        assertThat(processor.process(record(TOPIC, valid("o-1")), OWNED)).isTrue();

        assertThat(sentTo("orders.retry.1s")).isEmpty();
        assertThat(sentTo("orders.dlt")).hasSize(1);
    }

    @Test
    void outputsArePublishedAfterSuccessAndTheDeliverySettlesAsPublished() {
        RecordProcessor processor = processor((message, context) -> {
            context.onSettled(settled::add);
            context.emit(OUTPUTS, reserved("o-1", "sku"));
            context.emit(OUTPUTS, reserved("o-1", "sku"));
        }, List.of());

        assertThat(processor.process(record(TOPIC, valid("o-1")), OWNED)).isTrue();

        assertThat(sentTo(OUTPUTS)).hasSize(2);
        assertThat(settled).containsExactly(true);
    }

    @Test
    void anOutputThatCannotBeEncodedDeadLettersTheInputAndNothingIsPublished() {
        RecordProcessor processor = processor((message, context) -> {
            context.onSettled(settled::add);
            context.emit(OUTPUTS, reserved("o-1", "sku"));
            context.emit(OUTPUTS, reserved("o-1", null)); // a null in a required field
        }, List.of());

        assertThat(processor.process(record(TOPIC, valid("o-1")), OWNED)).isTrue();

        assertThat(sentTo(OUTPUTS)).isEmpty();
        assertThat(sentTo("orders.dlt")).singleElement().satisfies(r ->
                assertThat(header(r, ImsgHeaders.DLT_EXCEPTION_CLASS)).isEqualTo(NonRetryableException.class.getName()));
        assertThat(settled).containsExactly(false);
    }

    @Test
    @Timeout(30) // before the fix, the reply was retried for as long as the partition was owned: forever here
    void aReplyThatCannotBeWrittenIsDroppedAndTheOtherOutputsAndTheRecordFinish() {
        // What Kafka reports for a topic that does not exist, after max.block.ms.
        MockProducer<byte[], byte[]> refusingReplies = failingSendsTo(topic -> topic.startsWith(ReplyTopics.PREFIX),
                topic -> new TimeoutException("Topic " + topic + " not present in metadata after 60000 ms."));
        Router router = Router.builder().route("reserve", TOPIC, OrderPlaced.class, (message, context) -> {
            context.onSettled(settled::add);
            context.emit(OUTPUTS, reserved("o-1", "sku"));
            context.emit(ReplyTopics.PREFIX + "requester-gone", reserved("o-1", "sku"));
        }).build();
        RecordProcessor processor = TestProcessors.create(codec, refusingReplies, router,
                RetryTopology.of(Map.of(TOPIC, List.of())), new UnorderedRetries(RetryTopology.of(Map.of(TOPIC, List.of()))),
                RecordProtection.none());

        assertThat(processor.process(record(TOPIC, valid("o-1")), OWNED)).isTrue();

        assertThat(refusingReplies.history()).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo(OUTPUTS));
        assertThat(settled).as("the required outputs were published").containsExactly(true);
    }

    @Test
    @Timeout(30) // before the fix, the refused output was retried for as long as the partition was owned
    void anOutputTheBrokerRefusesForGoodDeadLettersTheInput() {
        String small = "small-records";
        // What the producer reports when the topic's max.message.bytes is below the record.
        MockProducer<byte[], byte[]> refusingLarge = failingSendsTo(small::equals, topic -> new RecordTooLargeException(
                "The request included a message larger than the max message size the server will accept."));
        Router router = Router.builder().route("reserve", TOPIC, OrderPlaced.class, (message, context) -> {
            context.onSettled(settled::add);
            context.emit(OUTPUTS, reserved("o-1", "sku"));
            context.emit(small, reserved("o-1", "sku"));
        }).build();
        RecordProcessor processor = TestProcessors.create(codec, refusingLarge, router,
                RetryTopology.of(Map.of(TOPIC, List.of())), new UnorderedRetries(RetryTopology.of(Map.of(TOPIC, List.of()))),
                RecordProtection.none());

        assertThat(processor.process(record(TOPIC, valid("o-1")), OWNED)).isTrue();

        assertThat(refusingLarge.history()).extracting(ProducerRecord::topic).containsExactly(OUTPUTS, "orders.dlt");
        ProducerRecord<byte[], byte[]> deadLetter = refusingLarge.history().get(1);
        assertThat(header(deadLetter, ImsgHeaders.DLT_EXCEPTION_CLASS)).isEqualTo(OutputRefusedException.class.getName());
        assertThat(header(deadLetter, ImsgHeaders.DLT_EXCEPTION_MESSAGE))
                .startsWith("the broker refused an output to small-records for good: ");
        assertThat(settled).containsExactly(false);
    }

    @Test
    void aReplyTheBrokerRefusesForGoodIsDroppedLikeAnyReplyThatCannotBeWritten() {
        String replies = ReplyTopics.PREFIX + "requester";
        MockProducer<byte[], byte[]> refusingLarge = failingSendsTo(replies::equals,
                topic -> new RecordTooLargeException("too large for " + topic));
        Router router = Router.builder().route("reserve", TOPIC, OrderPlaced.class, (message, context) -> {
            context.onSettled(settled::add);
            context.emit(OUTPUTS, reserved("o-1", "sku"));
            context.emit(replies, reserved("o-1", "sku"));
        }).build();
        RecordProcessor processor = TestProcessors.create(codec, refusingLarge, router,
                RetryTopology.of(Map.of(TOPIC, List.of())), new UnorderedRetries(RetryTopology.of(Map.of(TOPIC, List.of()))),
                RecordProtection.none());

        assertThat(processor.process(record(TOPIC, valid("o-1")), OWNED)).isTrue();

        assertThat(refusingLarge.history()).extracting(ProducerRecord::topic).containsExactly(OUTPUTS);
        assertThat(settled).as("handled, its required output published").containsExactly(true);
    }

    @Test
    void aForgedAttemptHeaderOnARoutedTopicIsIgnored() {
        List<Integer> attempts = new ArrayList<>();
        RecordHeaders forged = new RecordHeaders();
        forged.add(utf8(ImsgHeaders.ATTEMPT, "2147483647"));

        processor((m, c) -> attempts.add(c.attempt()), List.of()).process(record(TOPIC, valid("o-1"), forged), OWNED);

        assertThat(attempts).containsExactly(1);
    }

    @Test
    void inOrderedModeAForgedOriginalPartitionDoesNotChooseTheNextRetryTopicsPartition() {
        List<Duration> stages = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));
        RecordProcessor processor = processor((message, context) -> {
            throw new IllegalStateException("database busy");
        }, stages, new ParkedKeys(RetryTopology.of(Map.of(TOPIC, stages))));
        RecordHeaders forged = new RecordHeaders();
        forged.add(utf8(ImsgHeaders.RETRY_ORIGINAL_TOPIC, TOPIC));
        forged.add(utf8(ImsgHeaders.RETRY_ORIGINAL_PARTITION, "99")); // the topics have far fewer partitions
        forged.add(utf8(ImsgHeaders.RETRY_ORIGINAL_OFFSET, "5"));
        forged.add(utf8(ImsgHeaders.RETRY_ORIGINAL_TIMESTAMP, "1700000000000"));
        forged.add(utf8(ImsgHeaders.RETRY_STAGE, "0"));
        ConsumerRecord<byte[], byte[]> retryRecord = new ConsumerRecord<>("orders.retry.1s", 2, 40,
                System.currentTimeMillis(), TimestampType.CREATE_TIME, 1, 1, "k".getBytes(StandardCharsets.UTF_8),
                valid("o-1"), forged, Optional.empty());

        assertThat(processor.process(retryRecord, OWNED)).isTrue();

        // Before, the write went to partition 99, which the producer refuses, and was retried forever.
        assertThat(sentTo("orders.retry.2s")).singleElement().satisfies(r -> assertThat(r.partition()).isEqualTo(2));
    }

    @Test
    void inOrderedModeALaterRecordOfAFailedKeyFollowsItIntoTheRetryTopicWithoutBeingHandled() {
        List<String> handled = new ArrayList<>();
        RetryTopology topology = RetryTopology.of(Map.of(TOPIC, List.of(Duration.ofSeconds(1))));
        ParkedKeys parked = new ParkedKeys(topology);
        RecordProcessor processor = processor((message, context) -> {
            handled.add(message.payload().getOrderId());
            throw new IllegalStateException("database busy");
        }, List.of(Duration.ofSeconds(1)), parked);

        processor.process(record(TOPIC, 4, 17, valid("first")), OWNED);
        boolean followed = processor.process(record(TOPIC, 4, 18, valid("second")), OWNED);
        boolean redelivered = processor.process(record(TOPIC, 4, 18, valid("second")), OWNED);

        assertThat(followed).isTrue();
        assertThat(redelivered).isTrue();
        assertThat(handled).containsExactly("first");
        List<ProducerRecord<byte[], byte[]>> retries = sentTo("orders.retry.1s");
        assertThat(retries).hasSize(2).allSatisfy(r -> assertThat(r.partition()).isEqualTo(4));
        assertThat(header(retries.get(1), ImsgHeaders.RETRY_ORIGINAL_OFFSET)).isEqualTo("18");
        assertThat(header(retries.get(1), ImsgHeaders.ATTEMPT)).isEqualTo("1");
        assertThat(retries.get(1).headers().lastHeader(ImsgHeaders.RETRY_FIRST_FAILURE)).isNull();
        assertThat(header(retries.get(0), ImsgHeaders.RETRY_STAGE)).isEqualTo("0");
        assertThat(retries.get(1).headers().lastHeader(ImsgHeaders.RETRY_STAGE)).as("a follower has not failed").isNull();
    }

    @Test
    void aWorkerThatOutlivedItsPartitionDoesNotParkItsKeyAgain() {
        RetryTopology topology = RetryTopology.of(Map.of(TOPIC, List.of(Duration.ofSeconds(1))));
        ParkedKeys parked = new ParkedKeys(topology);
        AtomicBoolean owned = new AtomicBoolean(true);
        RecordProcessor processor = processor((message, context) -> {
            owned.set(false); // revoked, and forgotten, while the handler ran past the revocation timeout
            throw new IllegalStateException("database busy");
        }, List.of(Duration.ofSeconds(1)), parked);

        processor.process(record(TOPIC, 4, 17, valid("late")), leaseOf(owned));

        assertThat(sentTo("orders.retry.1s")).as("the retry record is still written").hasSize(1);
        assertThat(parked.parkedKeys(new TopicPartition(TOPIC, 4))).as("no stale entry for the next owner").isZero();
    }

    @Test
    void aWorkerWhosePartitionWasOnlyRewoundStillParksItsKey() {
        RetryTopology topology = RetryTopology.of(Map.of(TOPIC, List.of(Duration.ofSeconds(1))));
        ParkedKeys parked = new ParkedKeys(topology);
        PartitionState state = new PartitionState(new TopicPartition(TOPIC, 4));
        RecordProcessor processor = processor((message, context) -> {
            state.restarted(); // a redelivery rewind
            throw new IllegalStateException("database busy");
        }, List.of(Duration.ofSeconds(1)), parked);

        processor.process(record(TOPIC, 4, 17, valid("rewound")), state);

        assertThat(state.isOwned()).isFalse();
        assertThat(parked.parkedKeys(new TopicPartition(TOPIC, 4)))
                .as("still assigned here: the key's later records must follow it").isEqualTo(1);
    }

    private static PartitionLease leaseOf(AtomicBoolean owned) {
        return new PartitionLease() {
            @Override public boolean isOwned() { return owned.get(); }
            @Override public void writeStalled() { }
            @Override public void writeRecovered() { }
        };
    }

    // --- fixtures ---

    /** A producer whose sends to the matching topics fail with {@code failure}, as Kafka answers them. */
    private static MockProducer<byte[], byte[]> failingSendsTo(Predicate<String> topics,
            Function<String, RuntimeException> failure) {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                if (topics.test(record.topic())) {
                    RuntimeException refused = failure.apply(record.topic());
                    callback.onCompletion(null, refused);
                    return CompletableFuture.failedFuture(refused);
                }
                return super.send(record, callback);
            }
        };
    }

    private final EnvelopeCodec codec = AvroEnvelopeCodec.create(SchemaRegistry.create(),
            List.of(OrderPlaced.class, InventoryReserved.class), DecodingLimits.ofDefaults());

    private RecordProcessor processor(io.imsg.api.Handler<OrderPlaced> handler, List<Duration> stages) {
        return processor(handler, stages, new UnorderedRetries(RetryTopology.of(Map.of(TOPIC, stages))));
    }

    private RecordProcessor processor(io.imsg.api.Handler<OrderPlaced> handler, List<Duration> stages,
            RetryOrder order) {
        Router router = Router.builder().route("reserve", TOPIC, OrderPlaced.class, handler).build();
        return TestProcessors.create(codec, producer, router, RetryTopology.of(Map.of(TOPIC, stages)), order,
                RecordProtection.none());
    }

    private byte[] valid(String orderId) {
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId(orderId).setSku("sku").setQuantity(1).build();
        return codec.encode(Message.builder(order).key(orderId).source(new Source("test", "i")).build());
    }

    private static Message<SpecificRecord> reserved(String orderId, String sku) {
        return Message.of(new InventoryReserved(orderId, sku, 1, 0));
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return record(topic, value, new RecordHeaders());
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, byte[] value) {
        return new ConsumerRecord<>(topic, partition, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME, 1,
                value.length, "k".getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(), Optional.empty());
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 0, 17, System.currentTimeMillis(), TimestampType.CREATE_TIME, 1,
                value.length, "k".getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    private List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static RecordHeader utf8(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
