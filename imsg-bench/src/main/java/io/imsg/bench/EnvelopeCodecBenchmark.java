package io.imsg.bench;

import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.Source;
import io.imsg.examples.load.LoadMessage;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of iMSG's Avro envelope per message: encoding a {@link Message} (envelope, headers,
 * single-object payload) and decoding it back with the full hostile-input checks, for a payload of
 * {@code payloadBytes} bytes. Run as described in {@code docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeCodecBenchmark {

    @Param({"512"})
    public int payloadBytes;

    private AvroEnvelopeCodec codec;
    private Message<LoadMessage> message;
    private byte[] encoded;
    private RecordOrigin origin;

    @Setup
    public void setUp() {
        List<Class<? extends SpecificRecord>> types = List.of(LoadMessage.class);
        codec = AvroEnvelopeCodec.create(SchemaRegistry.create(), types, DecodingLimits.ofDefaults());
        byte[] body = new byte[Math.max(0, payloadBytes - 16)];
        message = Message.builder(new LoadMessage(42L, System.nanoTime(), ByteBuffer.wrap(body))).key("k42")
                .source(new Source("bench-service", "bench-1")).build();
        encoded = codec.encode(message);
        origin = new RecordOrigin("bench", 0, 0, Instant.now());
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(message);
    }

    @Benchmark
    public Message<SpecificRecord> decode() {
        return codec.decode(encoded, origin);
    }
}
