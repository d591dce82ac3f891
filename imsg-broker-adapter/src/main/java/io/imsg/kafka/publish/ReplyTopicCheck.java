package io.imsg.kafka.publish;

import io.imsg.api.failure.ImsgException;
import io.imsg.kafka.topics.TopicProvisioner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
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

    /** Makes the admin client on first use; null when none is needed or it is shared. */
    private final Supplier<Admin> adminFactory;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private Admin admin;
    private TopicProvisioner topics;
    private boolean closed;

    /** What the cluster said about a topic, and until when (System.nanoTime) it is believed. */
    private record Answer(boolean mayExist, long until) {}

    private ReplyTopicCheck(Supplier<Admin> adminFactory, Admin shared) {
        this.adminFactory = adminFactory;
        this.topics = shared == null ? null : new TopicProvisioner(shared, LOOKUP_TIMEOUT);
    }

    /**
     * Asks the cluster through an admin client made on first use (most services never send a
     * receipt) and closed with this check.
     */
    static ReplyTopicCheck using(Supplier<Admin> adminFactory) {
        return new ReplyTopicCheck(adminFactory, null);
    }

    /** Asks the cluster through an admin client the caller owns and closes. */
    static ReplyTopicCheck sharing(Admin admin) {
        return new ReplyTopicCheck(null, admin);
    }

    /** Asks nothing: every topic may exist. For publishers on a caller's producer, without a cluster to ask. */
    static ReplyTopicCheck none() {
        return new ReplyTopicCheck(null, null);
    }

    /** False only when the cluster said, recently, that {@code topic} does not exist. */
    boolean mayExist(String topic) {
        if (adminFactory == null && topics == null) {
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
        TopicProvisioner cluster = topics();
        if (cluster == null) {
            return new Answer(true, now); // closed: nothing asked
        }
        try {
            boolean exists = cluster.exists(topic);
            return new Answer(exists, now + (exists ? PRESENT_FOR : ABSENT_FOR).toNanos());
        } catch (ImsgException cannotTell) { // no connection, no permission, a timeout, an interrupt
            log.warn("IMSG-1806 could not tell whether reply topic {} exists, sending to it anyway for {} s: {}",
                    topic, ABSENT_FOR.toSeconds(), String.valueOf(cannotTell.getCause()));
            return new Answer(true, now + ABSENT_FOR.toNanos());
        }
    }

    /** The cluster to ask, through an admin client made on first use if it is not shared; null once closed. */
    private synchronized TopicProvisioner topics() {
        if (closed) {
            return null;
        }
        if (topics == null) {
            admin = adminFactory.get();
            topics = new TopicProvisioner(admin, LOOKUP_TIMEOUT);
        }
        return topics;
    }

    /** Closes the admin client this check made; a shared one stays open for its owner to close. */
    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
