package io.imsg.handler.metrics;

/**
 * The names of the meters iMSG records while handling messages. Defaults follow the Micrometer
 * naming guide ({@code imsg.*}, dot-separated); a registry renders them in its own convention,
 * e.g. {@code imsg_messages_handled_total} for Prometheus.
 *
 * <pre>{@code
 * MeterNames names = MeterNames.defaults().withLatency("orders.end_to_end.latency");
 * }</pre>
 *
 * @param handled counter of handling outcomes, tagged route, topic, type, priority, outcome
 * @param handlerDuration timer of handler run time, tagged route, topic, type, outcome
 * @param latency timer from a message's created-at to its successful handling, tagged route,
 *     topic, type, priority
 */
public record MeterNames(String handled, String handlerDuration, String latency) {

    public MeterNames {
        requireNonBlank(handled, "handled");
        requireNonBlank(handlerDuration, "handlerDuration");
        requireNonBlank(latency, "latency");
    }

    /** {@code imsg.messages.handled}, {@code imsg.handler.duration}, {@code imsg.message.latency}. */
    public static MeterNames defaults() {
        return new MeterNames("imsg.messages.handled", "imsg.handler.duration", "imsg.message.latency");
    }

    public MeterNames withHandled(String name) {
        return new MeterNames(name, handlerDuration, latency);
    }

    public MeterNames withHandlerDuration(String name) {
        return new MeterNames(handled, name, latency);
    }

    public MeterNames withLatency(String name) {
        return new MeterNames(handled, handlerDuration, name);
    }

    private static void requireNonBlank(String name, String which) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(which + " meter name must not be blank");
        }
    }
}
