package io.imsg.examples.load;

import io.imsg.kafka.consume.Ordering;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One load workload, the same for raw Kafka and for iMSG. Validated when built; each message
 * names the option it is about.
 *
 * @param messages how many messages to send
 * @param rate messages per second, 0 for unthrottled
 * @param payloadBytes size of each record value (raw) or of the Avro payload (iMSG)
 * @param partitions partitions of the load topic
 * @param keys distinct record keys, cycled through; 0 sends without keys
 * @param work what the handler does with each message
 * @param faults which messages fail (iMSG only)
 * @param ordering iMSG's dispatch: per key or per partition
 * @param concurrency iMSG's worker threads
 * @param producerProperties raw producer properties, applied last (pass-through)
 * @param consumerProperties raw consumer properties, applied last (pass-through)
 * @param timeout how long to wait for every message to be handled
 * @param rawHeaders whether the raw producer also sends iMSG's four mirrored headers, so that both
 *     sides put the same bytes on the wire
 */
public record LoadSettings(long messages, double rate, int payloadBytes, int partitions, int keys, Work work,
        Faults faults, Ordering ordering, int concurrency, Map<String, String> producerProperties,
        Map<String, String> consumerProperties, Duration timeout, boolean rawHeaders) {

    /** The 16 bytes of sequence number and intended send time every raw value starts with. */
    static final int MIN_PAYLOAD_BYTES = 16;

    public LoadSettings {
        atLeast(messages, 1, "messages");
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be >= 0 (0 = unthrottled), was " + rate);
        }
        atLeast(payloadBytes, MIN_PAYLOAD_BYTES, "payloadBytes");
        atLeast(partitions, 1, "partitions");
        atLeast(keys, 0, "keys");
        Objects.requireNonNull(work, "work must not be null");
        Objects.requireNonNull(faults, "faults must not be null");
        Objects.requireNonNull(ordering, "ordering must not be null");
        atLeast(concurrency, 1, "concurrency");
        producerProperties = Map.copyOf(Objects.requireNonNull(producerProperties, "producerProperties"));
        consumerProperties = Map.copyOf(Objects.requireNonNull(consumerProperties, "consumerProperties"));
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
    }

    /** 100,000 unthrottled 512-byte messages, 6 partitions, 10,000 keys, no work, no faults. */
    public static LoadSettings ofDefaults() {
        return new LoadSettings(100_000, 0, 512, 6, 10_000, Work.none(), Faults.none(), Ordering.KEY, 16, Map.of(),
                Map.of(), Duration.ofMinutes(5), false);
    }

    public LoadSettings withMessages(long value) {
        return new LoadSettings(value, rate, payloadBytes, partitions, keys, work, faults, ordering, concurrency,
                producerProperties, consumerProperties, timeout, rawHeaders);
    }

    public LoadSettings withRate(double value) {
        return new LoadSettings(messages, value, payloadBytes, partitions, keys, work, faults, ordering, concurrency,
                producerProperties, consumerProperties, timeout, rawHeaders);
    }

    public LoadSettings withWork(Work value) {
        return new LoadSettings(messages, rate, payloadBytes, partitions, keys, value, faults, ordering, concurrency,
                producerProperties, consumerProperties, timeout, rawHeaders);
    }

    public LoadSettings withOrdering(Ordering value) {
        return new LoadSettings(messages, rate, payloadBytes, partitions, keys, work, faults, value, concurrency,
                producerProperties, consumerProperties, timeout, rawHeaders);
    }

    /**
     * The record key of message {@code seq}, or null without keys. The keys are cycled through in
     * order, which {@link LoadProbe}'s order check relies on.
     */
    String keyOf(long seq) {
        return keys == 0 ? null : "k" + (seq % keys);
    }

    private static void atLeast(long value, long min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }
}
