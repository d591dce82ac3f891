package io.imsg.kafka.fault;

import io.imsg.api.Message;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.testkit.fault.LedgerWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends message ids {@code m-0 .. m-(n-1)} at a steady rate on its own thread, and appends each
 * id to the {@code sent} ledger once the broker acknowledged it. A send that fails is sent again
 * with the same id (so the topic may hold an id twice, which is legal) until it is acknowledged.
 * At most {@code window} sends are outstanding; while the broker is away the producer waits.
 *
 * <p>A future that never completes is a liveness bug of the publisher: {@link #outstanding()}
 * tells how many there are after the run.
 */
final class LedgeredProducer implements AutoCloseable {

    private static final int KEYS = 1_000;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(8);

    private final KafkaMessaging messaging;
    private final Publisher publisher;
    private final String topic;
    private final LedgerWriter sent;
    private final int messages;
    private final int perSecond;
    private final Semaphore window;
    private final BlockingQueue<Message<OrderPlaced>> failed = new LinkedBlockingQueue<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong resends = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * A producer on {@code bootstrapServers} with its own {@link KafkaMessaging}; sending starts
     * with {@link #start()}.
     */
    LedgeredProducer(String bootstrapServers, String topic, LedgerWriter sent, int messages, int perSecond,
            int window) {
        this.messaging = messaging(bootstrapServers);
        this.publisher = messaging.publisher();
        this.topic = topic;
        this.sent = sent;
        this.messages = messages;
        this.perSecond = perSecond;
        this.window = new Semaphore(window);
        this.thread = new Thread(this::run, "fault-producer");
    }

    /** Publishes the payload schema, then starts sending. */
    void start() {
        messaging.start();
        thread.start();
    }

    /** Ids acknowledged so far. */
    int acknowledged() {
        return acknowledged.get();
    }

    /** Sends whose future has not completed yet. */
    int outstanding() {
        return outstanding.get();
    }

    /** Sends repeated after a failed future. */
    long resends() {
        return resends.get();
    }

    /** Waits until {@code count} ids are acknowledged; false at the timeout. */
    boolean awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.get() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Waits until every id is acknowledged; false at the timeout. */
    boolean awaitAll(Duration timeout) throws InterruptedException {
        return awaitAcknowledged(messages, timeout);
    }

    /** Stops sending (outstanding sends still complete) and closes the producer. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            messaging.close();
        }
    }

    /**
     * Timeouts shorter than a broker restart (about 10 s here), so a send caught by a broker kill
     * fails and is sent again under the same id: the producer behaviour fault tests must survive.
     */
    private static KafkaMessaging messaging(String bootstrapServers) {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers(bootstrapServers).service("fault-producer")
                .clientProperty("request.timeout.ms", "5000").build();
        return KafkaMessaging.builder(kafka).publishes(OrderPlaced.class)
                .publisherSettings(PublisherSettings.ofDefaults().withDeliveryTimeout(DELIVERY_TIMEOUT))
                .meterRegistry(new SimpleMeterRegistry()).build();
    }

    private void run() {
        long start = System.nanoTime();
        try {
            for (int i = 0; i < messages && !stopped; i++) {
                resendFailed();
                pace(start, i);
                send(message(i));
            }
            while (!stopped && acknowledged.get() < messages) {
                Message<OrderPlaced> retry = failed.poll(100, TimeUnit.MILLISECONDS);
                if (retry != null) {
                    resends.incrementAndGet();
                    send(retry);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() asked us to stop
        }
    }

    private void resendFailed() throws InterruptedException {
        Message<OrderPlaced> retry;
        while ((retry = failed.poll()) != null) {
            resends.incrementAndGet();
            send(retry);
        }
    }

    private void pace(long start, int i) throws InterruptedException {
        long due = start + i * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private void send(Message<OrderPlaced> message) throws InterruptedException {
        window.acquire();
        outstanding.incrementAndGet();
        // Runs on the producer's I/O thread: only a ledger append and a queue offer, never a send.
        publisher.publish(topic, message).whenComplete((result, failure) -> {
            if (failure == null) {
                sent.append(message.id());
                acknowledged.incrementAndGet();
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
