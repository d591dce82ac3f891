package io.imsg.kafka.codec;

import io.imsg.api.failure.ImsgException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the schema topic, compacted, when it is missing, with Kafka's own admin client. */
final class SchemaTopicAdmin {

    private static final Logger log = LoggerFactory.getLogger(SchemaTopicAdmin.class);

    private SchemaTopicAdmin() {}

    /**
     * Creates {@code topic} with one partition, the broker's default replication factor and
     * {@code cleanup.policy=compact}. An existing topic is left alone, with a warning if it is not
     * compacted (old schemas would then expire and records written with them become unreadable).
     */
    static void ensureCompacted(Map<String, Object> adminConfig, String topic, Duration timeout) {
        try (Admin admin = Admin.create(adminConfig)) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("IMSG-2011 created the compacted schema topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new ImsgException("creating the schema topic " + topic + " failed: " + e.getCause(),
                            e.getCause());
                }
                warnIfNotCompacted(admin, topic, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImsgException("interrupted while creating the schema topic " + topic, e);
        } catch (TimeoutException e) {
            throw new ImsgException("creating the schema topic " + topic + " took longer than " + timeout, e);
        }
    }

    private static void warnIfNotCompacted(Admin admin, String topic, Duration timeout)
            throws InterruptedException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                log.warn("IMSG-2007 the schema topic {} exists with cleanup.policy={}, not compact; old schemas "
                        + "may expire", topic, policy == null ? "unknown" : policy.value());
            }
        } catch (ExecutionException e) {
            log.warn("IMSG-2007 could not check the cleanup.policy of the schema topic {}: {}", topic, e.getCause());
        }
    }
}
