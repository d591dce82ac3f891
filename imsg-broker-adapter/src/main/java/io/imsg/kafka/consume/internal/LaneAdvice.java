package io.imsg.kafka.consume.internal;

import io.imsg.api.failure.ImsgException;
import io.imsg.kafka.lanes.PriorityLanes;
import io.imsg.kafka.topics.TopicProvisioner;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warnings a subscriber gives at start about the priority lanes of its topics. Only advice: a
 * failure to look (an ACL, say) must not stop the start.
 */
public final class LaneAdvice {

    private static final Logger log = LoggerFactory.getLogger(LaneAdvice.class);

    private LaneAdvice() {}

    /**
     * With its lanes off, a group reads no lane, while publishers put HIGH messages in one by
     * default: those would wait there, unhandled by this group. Another group may be the lane's
     * reader, so this warns rather than refuses.
     */
    public static void warnOfUnreadLanes(TopicProvisioner provisioner, Collection<String> topics, String group) {
        List<String> lanes = topics.stream().map(PriorityLanes::laneOf).toList();
        provisioner.existing(lanes).forEach(lane -> log.warn("IMSG-1505 priority lane {} exists, but group {} has its"
                + " priority lanes off and does not read it: HIGH messages that publishers put there are not handled"
                + " by this group; turn SubscriberSettings.priorityLanes on, or publish without lanes", lane, group));
    }

    /** Lanes that existed before iMSG created lanes with a sparse index keep the dense one; operators should know. */
    public static void warnOfDenseLaneIndexes(TopicProvisioner provisioner, Collection<String> topics) {
        List<String> lanes = topics.stream().map(PriorityLanes::laneOf).toList();
        Map<String, String> intervals;
        try {
            intervals = provisioner.topicConfig(lanes, TopicConfig.INDEX_INTERVAL_BYTES_CONFIG);
        } catch (ImsgException unreadable) {
            log.debug("IMSG-1504 could not read the index interval of lanes {}: {}", lanes, unreadable.toString());
            return;
        }
        intervals.forEach((lane, interval) -> {
            if (PriorityLanes.hasDenseIndex(interval)) {
                log.warn("IMSG-1503 priority lane {} has index.interval.bytes={}; iMSG creates lanes with {} because "
                        + "on a busy broker disk a dense index made HIGH messages wait ~200 ms. Existing topics keep "
                        + "their configs: set it with kafka-configs --alter (README, \"Important messages\")",
                        lane, interval, PriorityLanes.INDEX_INTERVAL_BYTES);
            }
        });
    }
}
