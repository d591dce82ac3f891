package io.imsg.kafka.testing;

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
import java.util.function.Consumer;

/**
 * Publishes message ids {@code m-0 .. m-(n-1)} at a steady rate on its own thread, as an
 * application does while brokers die: a send whose future fails is sent again with the same
 * message id until the broker acknowledges it (so the topic may hold an id twice, which
 * at-least-once allows). At most {@code window} sends are in flight, so a slow or absent broker
 * slows the sender instead of piling up futures. Used by the fault and cluster tests.
 *
 * <p>Thread-safe to observe while it runs; {@link #close()} stops it. A future that never
 * completes is a liveness bug of the publisher: {@link #outstanding()} tells how many are left.
 */
public final class PacedSender implements AutoCloseable {

    private static final int KEYS = 1_000;

    private final Publisher publisher;
    private final String topic;
    private final int messages;
    private final int perSecond;
    private final Semaphore window;
    private final Consumer<String> onAcknowledged;
    private final BlockingQueue<Message<OrderPlaced>> failed = new LinkedBlockingQueue<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong resends = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param onAcknowledged called once per id, on the producer's I/O thread, when the broker first
     *     acknowledges it: only bookkeeping there (a ledger append), never a send
     */
    public PacedSender(Publisher publisher, String topic, int messages, int perSecond, int window,
            Consumer<String> onAcknowledged) {
        this.publisher = publisher;
        this.topic = topic;
        this.messages = messages;
        this.perSecond = perSecond;
        this.window = new Semaphore(window);
        this.onAcknowledged = onAcknowledged;
        this.thread = new Thread(this::run, "paced-sender-" + topic);
    }

    public void start() {
        thread.start();
    }

    /** The ids the broker acknowledged so far; each id counts once, however often it was sent. */
    public Set<String> acknowledgedIds() {
        return Set.copyOf(acknowledged);
    }

    public int acknowledged() {
        return acknowledged.size();
    }

    /** Sends whose future has not completed yet; after the run, any left would be hung futures. */
    public int outstanding() {
        return outstanding.get();
    }

    /** Sends repeated, with the same id, after a failed future. */
    public long resends() {
        return resends.get();
    }

    /** Waits until {@code count} ids are acknowledged; false at the timeout. */
    public boolean awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public boolean awaitAll(Duration timeout) throws InterruptedException {
        return awaitAcknowledged(messages, timeout);
    }

    /** Stops sending; sends in flight still complete. */
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
                    resends.incrementAndGet();
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
            resends.incrementAndGet();
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
        publisher.publish(topic, message).whenComplete((result, failure) -> {
            if (failure == null) {
                if (acknowledged.add(message.id())) {
                    onAcknowledged.accept(message.id());
                }
            } else {
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
