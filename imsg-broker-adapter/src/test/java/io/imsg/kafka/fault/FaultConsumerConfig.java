package io.imsg.kafka.fault;

import io.imsg.testkit.fault.FailurePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link FaultConsumerMain} child needs to know, passed as {@code key=value} program
 * arguments; {@code kafka.<property>=<value>} arguments are raw Kafka client properties.
 *
 * @param bootstrapServers the broker
 * @param topic the topic to consume (its dead-letter topic is {@code <topic>.dlt})
 * @param group the consumer group, shared by every child of one run
 * @param ledgerDir the run's ledger directory
 * @param plan which handler attempts fail
 * @param maxPollRecords {@code max.poll.records}
 * @param maxInFlight records a member holds polled but unfinished; what a zombie may still handle
 * @param clientProperties raw Kafka client properties, e.g. a short {@code session.timeout.ms}
 */
record FaultConsumerConfig(String bootstrapServers, String topic, String group, Path ledgerDir, FailurePlan plan,
        int maxPollRecords, int maxInFlight, Map<String, String> clientProperties) {

    /** The subscriber's commit cadence (iMSG's default), spelled out because duplicates depend on it. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final String KAFKA = "kafka.";

    FaultConsumerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(ledgerDir, "ledgerDir");
        Objects.requireNonNull(plan, "plan");
        clientProperties = Map.copyOf(clientProperties);
    }

    /** The same settings with one more raw Kafka client property. */
    FaultConsumerConfig withClientProperty(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(clientProperties);
        more.put(name, value);
        return new FaultConsumerConfig(bootstrapServers, topic, group, ledgerDir, plan, maxPollRecords, maxInFlight,
                more);
    }

    List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of(
                "bootstrap=" + bootstrapServers, "topic=" + topic, "group=" + group, "ledger=" + ledgerDir,
                "seed=" + plan.seed(), "transient=" + plan.transientRate(), "permanent=" + plan.permanentRate(),
                "maxPollRecords=" + maxPollRecords, "maxInFlight=" + maxInFlight));
        clientProperties.forEach((name, value) -> args.add(KAFKA + name + "=" + value));
        return args;
    }

    static FaultConsumerConfig parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, got '" + arg + "'");
            }
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            if (key.startsWith(KAFKA)) {
                kafka.put(key.substring(KAFKA.length()), value);
            } else {
                values.put(key, value);
            }
        }
        FailurePlan plan = new FailurePlan(Long.parseLong(required(values, "seed")),
                Double.parseDouble(required(values, "transient")), Double.parseDouble(required(values, "permanent")));
        return new FaultConsumerConfig(required(values, "bootstrap"), required(values, "topic"),
                required(values, "group"), Path.of(required(values, "ledger")), plan,
                Integer.parseInt(required(values, "maxPollRecords")), Integer.parseInt(required(values, "maxInFlight")),
                kafka);
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return value;
    }
}
