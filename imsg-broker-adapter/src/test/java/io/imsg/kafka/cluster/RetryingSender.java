package io.imsg.kafka.cluster;

import io.imsg.api.Message;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.orders.OrderPlaced;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes message ids {@code m-0 .. m-(n-1)} at a steady rate on its own thread, as an
 * application would while a broker dies: a send whose future fails is sent again with the same
 * message id until the broker acknowledges it (so the topic may hold an id twice, which
 * at-least-once allows). At most {@code window} sends are in flight, so a slow cluster slows
 * the sender instead of piling up futures.
 *
 * <p>Thread-safe to observe while it runs; {@link #close()} stops it.
 */
final class RetryingSender implements AutoCloseable {

    private static final int KEYS = 1_000;

    private final Publisher publisher;
    private final String topic;
    private final int messages;
    private final int perSecond;
    private final Semaphore window;
    private final BlockingQueue<Message<OrderPlaced>> failed = new LinkedBlockingQueue<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread = new Thread(this::run, "cluster-kill-sender");
    private volatile boolean stopped;

    RetryingSender(Publisher publisher, String topic, int messages, int perSecond, int window) {
        this.publisher = publisher;
        this.topic = topic;
        this.messages = messages;
        this.perSecond = perSecond;
        this.window = new Semaphore(window);
    }

    void start() {
        thread.start();
    }

    /** The ids the broker acknowledged so far; each id counts once, however often it was sent. */
    Set<String> acknowledgedIds() {
        return Set.copyOf(acknowledged);
    }

    int acknowledged() {
        return acknowledged.size();
    }

    /** Send futures that failed, each followed by a resend of the same id. */
    long failures() {
        return failures.get();
    }

    /** Sends whose future has not completed yet; after the run, any left would be hung futures. */
    int outstanding() {
        return outstanding.get();
    }

    /** Waits until {@code count} ids are acknowledged; false at the timeout. */
    boolean awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    boolean awaitAll(Duration timeout) throws InterruptedException {
        return awaitAcknowledged(messages, timeout);
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long start = System.nanoTime();
        try {
            for (int i = 0; i < messages && !stopped; i++) {
                resendFailed();
                pace(start, i);
                send(message(i));
            }
            while (!stopped && acknowledged.size() < messages) {
                Message<OrderPlaced> again = failed.poll(100, TimeUnit.MILLISECONDS);
                if (again != null) {
                    send(again);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() asked us to stop
        }
    }

    private void resendFailed() throws InterruptedException {
        Message<OrderPlaced> again;
        while ((again = failed.poll()) != null) {
            send(again);
        }
    }

    private void pace(long start, int i) throws InterruptedException {
        long wait = start + i * 1_000_000_000L / perSecond - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private void send(Message<OrderPlaced> message) throws InterruptedException {
        window.acquire();
        outstanding.incrementAndGet();
        // Runs on the producer's I/O thread: only bookkeeping here, never a send.
        publisher.publish(topic, message).whenComplete((result, failure) -> {
            if (failure == null) {
                acknowledged.add(message.id());
            } else {
                failures.incrementAndGet();
                failed.add(message);
            }
            outstanding.decrementAndGet();
            window.release();
        });
    }

    private static Message<OrderPlaced> message(int i) {
        String id = "m-" + i;
        String key = "k-" + (i % KEYS);
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId(id).setSku(key).setQuantity(i).build();
        return Message.builder(order).id(id).key(key).build();
    }
}
