package io.imsg.bench;

import io.imsg.api.Message;
import io.imsg.examples.load.LoadMessage;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.publish.PublisherSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sending thread's own work per message, without a broker: building a {@link Message} the way
 * the load generator does (payload and key; id, time and source left to iMSG) and
 * {@link KafkaPublisher#prepare} turning it into a record (source, envelope, headers, size check).
 * {@code KafkaProducer.send} comes on top of this. Run as described in {@code docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PublishPrepareBenchmark {

    @Param({"512"})
    public int payloadBytes;

    private KafkaPublisher publisher;
    private byte[] body;
    private long seq;

    @Setup
    public void setUp() {
        var codec = AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(LoadMessage.class),
                DecodingLimits.ofDefaults());
        var producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        publisher = KafkaPublisher.create(KafkaSettings.builder().bootstrapServers("127.0.0.1:9").service("bench")
                .build(), PublisherSettings.ofDefaults(), codec, producer, new SimpleMeterRegistry());
        body = new byte[Math.max(0, payloadBytes - 16)];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        publisher.close();
    }

    @Benchmark
    public KafkaPublisher.Prepared buildAndPrepare() {
        long n = seq++;
        LoadMessage payload = new LoadMessage(n, n, ByteBuffer.wrap(body));
        return publisher.prepare("bench", Message.builder(payload).key(Long.toString(n & 1023)).build());
    }
}
