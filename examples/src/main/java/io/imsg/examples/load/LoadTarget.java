package io.imsg.examples.load;

/**
 * A producer and consumer pair doing the load workload: raw kafka-clients ({@link RawTarget}) or
 * iMSG ({@link ImsgTarget}). Each handled message is reported to the run's {@link LoadProbe}.
 */
interface LoadTarget extends AutoCloseable {

    /** "raw" or "imsg", as in the report. */
    String name();

    /** Starts the consumer and returns once it owns the topic's partitions. */
    void startConsuming();

    /** Sends message {@code seq}, meant to be sent at {@code intendedNanos}; does not wait for the ack. */
    void send(long seq, long intendedNanos);

    /** Waits until every message sent so far is acknowledged or failed; returns the failures. */
    long awaitAcks();

    @Override
    void close();
}
