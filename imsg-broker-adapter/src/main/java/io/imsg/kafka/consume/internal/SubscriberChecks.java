package io.imsg.kafka.consume.internal;

import io.imsg.api.TopicNames;
import io.imsg.api.spi.RouteTable;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.imsg.kafka.internal.ClientConfigs;
import io.imsg.kafka.lanes.PriorityLanes;
import io.imsg.kafka.retry.RetryTopology;

/**
 * What a subscriber checks when it is built, before any client exists: each describes a mistake in
 * code or configuration, so it belongs at build, not at start or at the first record.
 */
public final class SubscriberChecks {

    private SubscriberChecks() {}

    /** @throws IllegalArgumentException naming the setting */
    public static void check(KafkaSettings kafka, SubscriberSettings settings, RouteTable routes) {
        ClientConfigs.checkConsumerPassThrough(kafka.clientProperties(), settings);
        settings.checkRetryDelaysRouted(routes.topics());
        checkDerivedTopicNames(routes, settings);
    }

    /**
     * A routed topic name near Kafka's 249 characters leaves no room for the names iMSG derives from
     * it; found here rather than when the first record fails or the first HIGH message is sent.
     */
    private static void checkDerivedTopicNames(RouteTable routes, SubscriberSettings settings) {
        RetryTopology topology = ConsumerLoops.topology(routes, settings);
        for (String topic : routes.topics()) {
            TopicNames.requireLegal(DeadLetterTopics.of(topic), "the dead-letter topic of " + topic);
            if (settings.priorityLanes()) {
                TopicNames.requireLegal(PriorityLanes.laneOf(topic), "the priority lane of " + topic);
            }
            topology.stagesOf(topic).forEach(stage -> TopicNames.requireLegal(stage.topic(),
                    "the retry topic of " + topic));
        }
    }
}
