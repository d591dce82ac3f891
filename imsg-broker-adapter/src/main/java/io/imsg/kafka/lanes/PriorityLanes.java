package io.imsg.kafka.lanes;

/**
 * The naming of priority lanes. A logical topic {@code orders} has a normal lane, {@code orders}
 * itself, and a priority lane, {@code orders.priority}, with the same partition count. HIGH messages
 * go to the priority lane; consumers prefer it. Both lanes share the logical topic's routes,
 * retry topics and dead-letter topic.
 */
public final class PriorityLanes {

    public static final String SUFFIX = ".priority";

    private PriorityLanes() {}

    /** The priority lane of a logical topic. */
    public static String laneOf(String topic) {
        return topic + SUFFIX;
    }

    public static boolean isLane(String topic) {
        return topic.endsWith(SUFFIX) && topic.length() > SUFFIX.length();
    }

    /** The logical topic of a lane, or the topic itself. */
    public static String logicalOf(String topic) {
        return isLane(topic) ? topic.substring(0, topic.length() - SUFFIX.length()) : topic;
    }
}
