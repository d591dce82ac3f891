package io.imsg.kafka.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a reply topic exists, asked of the cluster and remembered for a while. Receivers send
 * receipts and replies to the topic a record's {@code imsg-reply-to} header names, which anyone can
 * forge or which a requester may have deleted. Kafka's producer waits up to {@code max.block.ms}
 * (60 s by default) on the worker's thread for the metadata of a topic that does not exist; asking
 * the cluster takes one round trip, and a missing topic is then refused at once.
 *
 * <p>Every answer is remembered: a topic that exists for {@link #PRESENT_FOR} (so one deleted since
 * is noticed), one that does not for {@link #ABSENT_FOR}, and a lookup that failed otherwise (no
 * connection, no permission) for {@link #ABSENT_FOR} as "may exist", so sends go ahead as before and
 * the cluster is not asked on every receipt. The memory is bounded, since the names come off the
 * wire. Thread-safe.
 */
final class ReplyTopicCheck implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplyTopicCheck.class);
    static final Duration PRESENT_FOR = Duration.ofSeconds(60);
    static final Duration ABSENT_FOR = Duration.ofSeconds(10);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    static final int REMEMBERED = 10_000;

    private final Supplier<Admin> adminFactory;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private Admin admin;
    private boolean closed;

    /** What the cluster said about a topic, and until when (System.nanoTime) it is believed. */
    private record Answer(boolean mayExist, long until) {}

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

    /** False only when the cluster said, recently, that {@code topic} does not exist. */
    boolean mayExist(String topic) {
        if (adminFactory == null) {
            return true;
        }
        long now = System.nanoTime();
        Answer known = answers.get(topic);
        if (known != null && now - known.until() < 0) {
            return known.mayExist();
        }
        Answer answer = ask(topic, now);
        if (answers.size() >= REMEMBERED) {
            answers.clear(); // forged names must not grow it without bound; real ones are asked about again
        }
        answers.put(topic, answer);
        return answer.mayExist();
    }

    private Answer ask(String topic, long now) {
        try {
            Admin client = admin();
            if (client == null) {
                return new Answer(true, now); // closing: not remembered, nothing asked
            }
            client.describeTopics(List.of(topic)).allTopicNames().get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(true, now + PRESENT_FOR.toNanos());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return new Answer(false, now + ABSENT_FOR.toNanos());
            }
            return unknown(topic, e.getCause(), now);
        } catch (TimeoutException e) {
            return unknown(topic, e, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(true, now);
        }
    }

    private static Answer unknown(String topic, Throwable why, long now) {
        log.warn("IMSG-1806 could not tell whether reply topic {} exists, sending to it anyway for {} s: {}", topic,
                ABSENT_FOR.toSeconds(), why.toString());
        return new Answer(true, now + ABSENT_FOR.toNanos());
    }

    /** The admin client, made on first use; null once closed. */
    private synchronized Admin admin() {
        if (closed) {
            return null;
        }
        if (admin == null) {
            admin = adminFactory.get();
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
