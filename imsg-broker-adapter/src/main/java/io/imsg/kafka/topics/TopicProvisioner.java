package io.imsg.kafka.topics;

import io.imsg.api.failure.ImsgException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics iMSG derives from a source topic (dead-letter topics now, retry and priority
 * lanes later) with the source's partition count, and waits until every partition answers.
 *
 * <p>Waiting matters: {@code createTopics} returns before partitions are usable, and an idempotent
 * producer that writes at once can stall on OUT_OF_ORDER_SEQUENCE_NUMBER (KAFKA-14359).
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Whether {@code topic} exists: one describe of that topic, not a listing of the cluster's topics.
     *
     * @throws ImsgException when the cluster does not say (an ACL, a timeout)
     */
    public boolean exists(String topic) {
        Answer answer = describeEach(Set.of(topic)).get(topic);
        if (answer.failure() != null) {
            throw answer.failure();
        }
        return answer.exists();
    }

    /**
     * Which of {@code topics} are known to exist: one describe request for all of them, within one
     * timeout. A topic the cluster does not answer for (an ACL, a timeout) is left out, so one
     * unreadable topic does not hide the others.
     */
    public Set<String> existing(Collection<String> topics) {
        Set<String> found = new HashSet<>();
        describeEach(topics).forEach((topic, answer) -> {
            if (answer.exists()) {
                found.add(topic);
            } else if (answer.failure() != null) {
                log.debug("IMSG-1304 could not tell whether topic {} exists: {}", topic, answer.failure().toString());
            }
        });
        return found;
    }

    /** Whether a topic exists, or why the cluster did not say. */
    private record Answer(boolean exists, ImsgException failure) {}

    private Map<String, Answer> describeEach(Collection<String> topics) {
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Answer> answers = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : described.entrySet()) {
            String name = topic.getKey();
            try {
                topic.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                answers.put(name, new Answer(true, null));
            } catch (ExecutionException e) {
                answers.put(name, e.getCause() instanceof UnknownTopicOrPartitionException ? new Answer(false, null)
                        : new Answer(false, new ImsgException("describing topic " + name + " failed", e.getCause())));
            } catch (InterruptedException | TimeoutException e) {
                answers.put(name, new Answer(false, interruptedOrTimedOut("describing topic " + name, e)));
            } catch (RuntimeException cancelled) {
                answers.put(name, new Answer(false, new ImsgException("describing topic " + name + " failed", cancelled)));
            }
        }
        return answers;
    }

    /** Partition counts of existing topics; a missing topic is an error that names it. */
    public Map<String, Integer> partitionCounts(Collection<String> topics) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Integer> counts = new HashMap<>();
            described.forEach((name, description) -> counts.put(name, description.partitions().size()));
            return counts;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ImsgException("a routed topic does not exist; create it before subscribing (topics: "
                        + topics + ")", e.getCause());
            }
            throw new ImsgException("describing topics " + topics + " failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interruptedOrTimedOut("describing topics " + topics, e);
        }
    }

    /** The effective {@code max.message.bytes} of existing topics. */
    public Map<String, Integer> maxMessageBytes(Collection<String> topics) {
        Map<String, Integer> limits = new HashMap<>();
        topicConfig(topics, TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                .forEach((topic, value) -> limits.put(topic, Integer.parseInt(value)));
        return limits;
    }

    /** The effective value of one config of existing topics (their own, or the broker's default). */
    public Map<String, String> topicConfig(Collection<String> topics, String name) {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        try {
            Map<String, String> values = new HashMap<>();
            admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).forEach(
                    (resource, config) -> values.put(resource.name(), config.get(name).value()));
            return values;
        } catch (ExecutionException e) {
            throw new ImsgException("describing the configs of " + topics + " failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interruptedOrTimedOut("describing the configs of " + topics, e);
        }
    }

    /** Creates each missing topic with the given partition count, then waits until it is usable. */
    public void ensure(Map<String, Integer> partitionsByTopic, Map<String, String> configs) {
        List<NewTopic> newTopics = partitionsByTopic.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) -1).configs(configs))
                .toList();
        admin.createTopics(newTopics).values().forEach((name, future) -> {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("IMSG-1300 created topic {} with {} partitions", name, partitionsByTopic.get(name));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new ImsgException("creating topic " + name + " failed", e.getCause());
                }
            } catch (InterruptedException | TimeoutException e) {
                throw interruptedOrTimedOut("creating topic " + name, e);
            }
        });
        awaitUsable(partitionsByTopic.keySet());
    }

    private void awaitUsable(Set<String> topics) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        Map<String, Integer> counts = partitionCountsOfNewTopics(topics, deadline);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        counts.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        });
        while (true) {
            try {
                admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new ImsgException("topics " + topics + " not usable within " + timeout, e.getCause());
                }
                sleep(100);
            } catch (InterruptedException | TimeoutException e) {
                throw interruptedOrTimedOut("waiting for topics " + topics, e);
            }
        }
    }

    /** Like {@link #partitionCounts}, but a topic created a moment ago may be briefly unknown. */
    private Map<String, Integer> partitionCountsOfNewTopics(Set<String> topics, long deadline) {
        while (true) {
            try {
                return partitionCounts(topics);
            } catch (ImsgException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                sleep(100);
            }
        }
    }

    private ImsgException interruptedOrTimedOut(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new ImsgException("interrupted while " + what, e);
        }
        return new ImsgException(what + " took longer than " + timeout, e);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
