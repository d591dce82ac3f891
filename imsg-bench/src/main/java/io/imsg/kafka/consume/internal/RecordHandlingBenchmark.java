package io.imsg.kafka.consume.internal;

import io.imsg.api.Message;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.examples.load.LoadMessage;
import io.imsg.handler.Router;
import io.imsg.handler.metrics.MetricsMiddleware;
import io.imsg.handler.retry.RetryMiddleware;
import io.imsg.handler.retry.RetryPolicy;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.deadletter.DeadLetterWriter;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.kafka.retry.RetryTopology;
import io.imsg.kafka.retry.RetryWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The consuming side's CPU per record without a broker, a network or a second thread: what the
 * drain benchmark measures, minus the noise of a 2-core VM that also runs the broker.
 *
 * <p>Each invocation takes one fetched batch of {@value #BATCH} records (bytes as the broker
 * returns them) through Kafka's record parsing, the way {@code CompletedFetch.parseRecord} does,
 * and then:
 * <ul>
 *   <li>{@link #raw}: the raw baseline's work on its own 512-byte records (read two longs);
 *   <li>{@link #imsgParseOnly}: nothing, on iMSG's records (envelope and mirrored headers), which
 *       shows what Kafka itself spends on iMSG's larger records;
 *   <li>{@link #imsg}: the poll thread's sizing of the record and the worker's
 *       {@link RecordProcessor#process}: header checks, decoding, routing, the load test's
 *       middleware (metrics, in-process retry) and a handler that reads the payload. Each
 *       invocation checks that all {@value #BATCH} records reached the handler, so a record
 *       dead-lettered on the way (which also counts as resolved) fails the run.
 * </ul>
 * The hand-off from the poll thread to a worker ({@code KeyedExecutor}) is not included; it needs
 * two threads, and the drain benchmark measures it.
 *
 * <p>This class sits in {@code RecordProcessor}'s package, from another module, because the
 * processor is internal. Kafka's {@code record.internal} classes build the fetched bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordHandlingBenchmark {

    static final int BATCH = 500;
    private static final String TOPIC = "bench";
    private static final int PAYLOAD_BYTES = 512;

    private ByteBuffer imsgBatch;
    private ByteBuffer rawBatch;

    @Setup
    public void setUp() {
        KafkaPublisher publisher = publisher();
        imsgBatch = imsgRecords(publisher);
        publisher.close();
        rawBatch = rawRecords();
    }

    /**
     * iMSG's consuming side as {@code ConsumerLoops} assembles it, with the route and middleware of
     * the load test's {@code ImsgTarget} (examples), which this module cannot reach.
     */
    @State(Scope.Benchmark)
    public static class ConsumingSide {

        private final PartitionLease lease = new OwnedLease();
        private KafkaPublisher publisher;
        private RecordProcessor processor;
        private long handled;

        @Setup
        public void setUp() {
            publisher = publisher();
            var registry = new SimpleMeterRegistry();
            MetricsMiddleware metrics = MetricsMiddleware.create(registry);
            Router router = Router.builder()
                    .use(metrics)
                    .use(RetryMiddleware.builder(RetryPolicy.builder().maxAttempts(3)
                            .initialBackoff(Duration.ofMillis(10)).build()).metrics(metrics).build())
                    .route("load", TOPIC, LoadMessage.class,
                            (message, context) -> handled += message.payload().getSeq() >= 0 ? 1 : 0)
                    .build();
            RetryTopology topology = RetryTopology.of(Map.of(TOPIC, List.of()));
            processor = new RecordProcessor(codec(), router, topology, publisher,
                    new DeadLetterWriter(publisher.sender(), "bench"), new RetryWriter(publisher.sender(), false),
                    FailureClassifier.defaults(), new ConsumerMetrics(registry, "bench"),
                    new UnorderedRetries(topology), SubscriberSettings.builder("bench").build());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            publisher.close();
            if (handled == 0) {
                throw new IllegalStateException("the handler was never called: the benchmark measured nothing");
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void raw(Blackhole blackhole) {
        for (Record fetched : batchOf(rawBatch)) {
            ConsumerRecord<byte[], byte[]> record = parse(fetched);
            ByteBuffer value = ByteBuffer.wrap(record.value());
            blackhole.consume(value.getLong() + value.getLong());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void imsgParseOnly(Blackhole blackhole) {
        for (Record fetched : batchOf(imsgBatch)) {
            blackhole.consume(parse(fetched));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void imsg(ConsumingSide consumer, Blackhole blackhole) {
        long handledBefore = consumer.handled;
        for (Record fetched : batchOf(imsgBatch)) {
            ConsumerRecord<byte[], byte[]> record = parse(fetched);
            blackhole.consume(HeaderMapping.sizeOf(record.headers()));
            if (!consumer.processor.process(record, consumer.lease)) {
                throw new IllegalStateException("record " + record.offset() + " was not resolved");
            }
        }
        if (consumer.handled - handledBefore != BATCH) {
            throw new IllegalStateException((consumer.handled - handledBefore) + " of " + BATCH
                    + " records reached the handler; the others were dead-lettered");
        }
    }

    private static AvroEnvelopeCodec codec() {
        return AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(LoadMessage.class),
                DecodingLimits.ofDefaults());
    }

    private static KafkaPublisher publisher() {
        var producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        return KafkaPublisher.create(KafkaSettings.builder().bootstrapServers("127.0.0.1:9").service("bench").build(),
                PublisherSettings.ofDefaults(), codec(), producer, new SimpleMeterRegistry());
    }

    private static RecordBatch batchOf(ByteBuffer bytes) {
        return MemoryRecords.readableRecords(bytes.duplicate()).batches().iterator().next();
    }

    /** What {@code CompletedFetch.parseRecord} does with byte-array deserializers. */
    private static ConsumerRecord<byte[], byte[]> parse(Record record) {
        ByteBuffer key = record.key();
        ByteBuffer value = record.value();
        return new ConsumerRecord<>(TOPIC, 0, record.offset(), record.timestamp(), TimestampType.CREATE_TIME,
                key == null ? ConsumerRecord.NULL_SIZE : key.remaining(),
                value == null ? ConsumerRecord.NULL_SIZE : value.remaining(),
                key == null ? null : Utils.toArray(key), value == null ? null : Utils.toArray(value),
                new RecordHeaders(record.headers()), Optional.empty());
    }

    /** One batch of records as iMSG's publisher writes them, each with its own key. */
    private static ByteBuffer imsgRecords(KafkaPublisher publisher) {
        MemoryRecordsBuilder batch = newBatch();
        byte[] body = new byte[PAYLOAD_BYTES - 16];
        for (int seq = 0; seq < BATCH; seq++) {
            Message<LoadMessage> message = Message.builder(new LoadMessage((long) seq, System.nanoTime(),
                    ByteBuffer.wrap(body))).key(Integer.toString(seq)).build();
            ProducerRecord<byte[], byte[]> record = publisher.prepare(TOPIC, message).record();
            batch.append(System.currentTimeMillis(), record.key(), record.value(),
                    record.headers().toArray());
        }
        return batch.build().buffer();
    }

    /** The raw baseline's records: the sequence number and send time, padded to 512 bytes. */
    private static ByteBuffer rawRecords() {
        MemoryRecordsBuilder batch = newBatch();
        for (int seq = 0; seq < BATCH; seq++) {
            ByteBuffer value = ByteBuffer.allocate(PAYLOAD_BYTES).putLong(seq).putLong(System.nanoTime());
            byte[] key = Integer.toString(seq).getBytes(StandardCharsets.UTF_8);
            batch.append(System.currentTimeMillis(), key, value.array(), new Header[0]);
        }
        return batch.build().buffer();
    }

    private static MemoryRecordsBuilder newBatch() {
        return MemoryRecords.builder(ByteBuffer.allocate(2 * BATCH * (PAYLOAD_BYTES + 512)), Compression.NONE,
                TimestampType.CREATE_TIME, 0L);
    }

    /** The partition stays this member's throughout. */
    private static final class OwnedLease implements PartitionLease {
        @Override
        public boolean isOwned() {
            return true;
        }

        @Override
        public void writeStalled() {}

        @Override
        public void writeRecovered() {}
    }
}
