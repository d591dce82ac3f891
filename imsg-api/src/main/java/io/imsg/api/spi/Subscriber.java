package io.imsg.api.spi;

/**
 * Consumes the topics of a {@link RouteTable} and hands each message to its route. Started once,
 * closed once; {@link #close()} finishes in-flight work and commits what was handled.
 */
public interface Subscriber extends AutoCloseable {

    /** Starts consuming in the background; returns at once. */
    void start();

    /** True between {@link #start()} and the end of {@link #close()}, unless consumption failed fatally. */
    boolean isRunning();

    @Override
    void close();
}
