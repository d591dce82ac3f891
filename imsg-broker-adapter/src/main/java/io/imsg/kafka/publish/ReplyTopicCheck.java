package io.imsg.kafka.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a reply topic exists, asked of the cluster once per name and remembered. Receivers send
 * receipts and replies to the topic a record's {@code imsg-reply-to} header names, which anyone can
 * forge or which a requester may have taken with it. Kafka's producer waits up to
 * {@code max.block.ms} (60 s by default) for the metadata of a topic that does not exist, on the
 * worker's thread; asking the cluster takes one round trip, and a missing topic is then refused at
 * once and remembered for {@link #ABSENT_FOR}.
 *
 * <p>A lookup that fails for any other reason (a timeout, an authorization error) answers
 * "may exist", leaving the send to the producer as before: a check that cannot tell must not drop
 * receipts. Both memories are bounded, since the names come off the wire. Thread-safe.
 */
final class ReplyTopicCheck implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplyTopicCheck.class);
    static final Duration ABSENT_FOR = Duration.ofSeconds(10);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    private static final int REMEMBERED = 10_000;

    private final Supplier<Admin> adminFactory;
    private final Map<String, Boolean> present = new ConcurrentHashMap<>();
    private final Map<String, Long> absentUntil = new ConcurrentHashMap<>();
    private Admin admin;

    private ReplyTopicCheck(Supplier<Admin> adminFactory) {
        this.adminFactory = adminFactory;
    }

    /** Asks the cluster through an admin client made on first use (most services never send a receipt). */
    static ReplyTopicCheck using(Supplier<Admin> adminFactory) {
        return new ReplyTopicCheck(adminFactory);
    }

    /** Asks nothing: every topic may exist. For publishers on a caller's producer, without a cluster to ask. */
    static ReplyTopicCheck none() {
        return new ReplyTopicCheck(null);
    }

    /** False only when the cluster said, within the last {@link #ABSENT_FOR}, that {@code topic} does not exist. */
    boolean mayExist(String topic) {
        if (adminFactory == null || present.containsKey(topic)) {
            return true;
        }
        Long until = absentUntil.get(topic);
        long now = System.nanoTime();
        if (until != null && now - until < 0) {
            return false;
        }
        try {
            admin().describeTopics(List.of(topic)).allTopicNames().get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            remember(present, topic, Boolean.TRUE);
            absentUntil.remove(topic);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                remember(absentUntil, topic, now + ABSENT_FOR.toNanos());
                return false;
            }
            log.debug("IMSG-1802 could not tell whether reply topic {} exists, sending anyway: {}", topic,
                    e.getCause().toString());
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static <V> void remember(Map<String, V> memory, String topic, V value) {
        if (memory.size() >= REMEMBERED) {
            memory.clear(); // forged names must not grow it without bound; real ones are looked up again
        }
        memory.put(topic, value);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = adminFactory.get();
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
