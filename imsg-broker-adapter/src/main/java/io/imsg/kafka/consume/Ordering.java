package io.imsg.kafka.consume;

/** Which records of a partition may be handled concurrently. */
public enum Ordering {

    /**
     * Records with the same key run one at a time, in offset order; different keys of one
     * partition run in parallel. Records without a key are unordered. The default.
     */
    KEY,

    /** A partition's records run one at a time, in offset order: Kafka's classic consumer. */
    PARTITION
}
