package io.imsg.kafka.lanes;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The naming and topic configs of priority lanes. A logical topic {@code orders} has a normal lane, {@code orders}
 * itself, and a priority lane, {@code orders.priority}, with the same partition count. HIGH messages
 * go to the priority lane; consumers prefer it. Both lanes share the logical topic's routes,
 * retry topics and dead-letter topic.
 */
public final class PriorityLanes {

    public static final String SUFFIX = ".priority";

    /**
     * Bytes of log between two entries of a lane's offset and time indexes: 1 MiB instead of
     * Kafka's 4 KiB. The indexes are memory-mapped files. On a broker busy writing other
     * partitions to disk, HIGH messages waited about 200 ms in some benchmark rounds, and a
     * wall-clock profile of the broker put its request threads in stores into an index during
     * those waits; with this interval the waits went away (docs/benchmarks.md, "Run K"). A quiet
     * lane then writes an index entry 256 times less often, so the wait becomes rare, not
     * impossible. A sparser index costs a lane almost nothing: its consumers read from the tail,
     * and a lookup scans at most 1 MiB of batch headers.
     */
    public static final int INDEX_INTERVAL_BYTES = 1 << 20;

    private PriorityLanes() {}

    /** The priority lane of a logical topic. */
    public static String laneOf(String topic) {
        return topic + SUFFIX;
    }

    public static boolean isLane(String topic) {
        return topic.endsWith(SUFFIX) && topic.length() > SUFFIX.length();
    }

    /**
     * The configs a new lane is created with: its logical topic's record size limit, since it
     * carries the same records, and the sparser index above. Existing lanes are left as they are.
     */
    public static Map<String, String> topicConfigs(int maxMessageBytes) {
        return Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes),
                TopicConfig.INDEX_INTERVAL_BYTES_CONFIG, Integer.toString(INDEX_INTERVAL_BYTES));
    }

    /**
     * Whether a lane's {@code index.interval.bytes} is the dense kind that stalled HIGH messages:
     * below iMSG's. A lane created by iMSG before it set the interval, by an operator or by broker
     * auto-creation keeps Kafka's 4 KiB, since creation never changes an existing topic.
     */
    public static boolean hasDenseIndex(String indexIntervalBytes) {
        try {
            return Integer.parseInt(indexIntervalBytes) < INDEX_INTERVAL_BYTES;
        } catch (NumberFormatException e) {
            return false; // not ours to judge
        }
    }

    /** The logical topic of a lane, or the topic itself. */
    public static String logicalOf(String topic) {
        return isLane(topic) ? topic.substring(0, topic.length() - SUFFIX.length()) : topic;
    }
}
