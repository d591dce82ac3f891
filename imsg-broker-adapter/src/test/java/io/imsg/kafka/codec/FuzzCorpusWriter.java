package io.imsg.kafka.codec;

import io.imsg.examples.orders.OrderPlaced;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the seed corpus of {@link EnvelopeDecoderFuzzTest}: a valid envelope and the crafted
 * shapes of bad input (truncations, bit flips, length and block-count bombs, negative lengths,
 * deep nesting, unknown fingerprints, trailing bytes). Run once when the envelope schema changes:
 * {@code java -cp <test classpath> io.imsg.kafka.codec.FuzzCorpusWriter src/test/resources}.
 */
public final class FuzzCorpusWriter {

    private FuzzCorpusWriter() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0], "io/imsg/kafka/codec/EnvelopeDecoderFuzzTestInputs",
                "anyBytesDecodeOrFailWithATypedDecodingFailureWithinBoundedAllocation");
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            Files.write(dir.resolve(seed.getKey()), seed.getValue());
        }
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        byte[] valid = TestPayloads.codec().encode(TestPayloads.message());
        seeds.put("valid-envelope", valid);
        seeds.put("empty", new byte[0]);
        seeds.put("marker-only", Arrays.copyOf(valid, 2));
        seeds.put("header-only", Arrays.copyOf(valid, 10));
        seeds.put("truncated-half", Arrays.copyOf(valid, valid.length / 2));
        seeds.put("truncated-last-byte", Arrays.copyOf(valid, valid.length - 1));
        byte[] flipped = valid.clone();
        flipped[12] ^= 0x40;
        seeds.put("bit-flip-in-body", flipped);
        seeds.put("trailing-bytes", Arrays.copyOf(valid, valid.length + 3));
        seeds.put("unknown-envelope-fingerprint", RawEnvelope.ofOrder().envelopeFingerprint(0x0123456789abcdefL).toBytes());
        seeds.put("unknown-payload-fingerprint", RawEnvelope.of(OrderPlaced.getClassSchema().getFullName(), 42L,
                TestPayloads.orderBytes()).toBytes());
        seeds.put("string-length-bomb", RawEnvelope.ofOrder().with("id", out -> out.writeLong(Integer.MAX_VALUE)).toBytes());
        seeds.put("negative-string-length", RawEnvelope.ofOrder().with("id", out -> out.writeLong(-5)).toBytes());
        seeds.put("map-block-count-bomb", RawEnvelope.ofOrder().with("attributes", out -> out.writeLong(Integer.MAX_VALUE)).toBytes());
        seeds.put("negative-map-block-count", RawEnvelope.ofOrder().with("attributes", out -> {
            out.writeLong(-Integer.MAX_VALUE);
            out.writeLong(1);
        }).toBytes());
        seeds.put("most-negative-block-count", RawEnvelope.ofOrder().with("attributes", out -> out.writeLong(Long.MIN_VALUE)).toBytes());
        seeds.put("union-index-out-of-range", RawEnvelope.ofOrder().with("target", out -> out.writeIndex(7)).toBytes());
        seeds.put("endless-varint", RawEnvelope.ofOrder().with("createdAt", out -> {
            byte[] endless = new byte[11];
            Arrays.fill(endless, (byte) 0x80);
            out.writeFixed(endless);
        }).toBytes());
        byte[] deep = Arrays.copyOf(valid, valid.length + 4096);
        Arrays.fill(deep, valid.length, deep.length, (byte) 2);
        seeds.put("deep-union-nesting-tail", deep);
        return seeds;
    }
}
