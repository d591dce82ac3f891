package io.imsg.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Writes the {@code server.properties} of a combined broker and controller, sized for a small
 * test machine: the single embedded broker, or one node of an embedded cluster (whose
 * replicated defaults come from {@link ClusterConfig}).
 *
 * <p>Users may override any default through {@code brokerProperty}, except the
 * {@link #RESERVED} keys: those hold the contract of the embedded broker (its node id and
 * quorum, listening on 127.0.0.1 only, on the ports and in the directories the testkit owns).
 */
public final class BrokerConfig {

    /** The node id of the one broker. */
    public static final int NODE_ID = 1;

    /** Keys the testkit sets itself; a user override of one is rejected. */
    public static final Set<String> RESERVED = Set.of(
            "process.roles", "node.id", "listeners", "advertised.listeners",
            "controller.listener.names", "inter.broker.listener.name",
            "listener.security.protocol.map", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "log.dirs", "log.dir", "metadata.log.dir");

    private BrokerConfig() {}

    /** The defaults a user may override, in the order they are written. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        // One replica of everything, or internal topics never come online on one node.
        defaults.put("offsets.topic.replication.factor", "1");
        defaults.put("transaction.state.log.replication.factor", "1");
        defaults.put("transaction.state.log.min.isr", "1");
        defaults.put("share.coordinator.state.topic.replication.factor", "1");
        defaults.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions: faster first group and first transaction on 2 cores.
        defaults.put("offsets.topic.num.partitions", "5");
        defaults.put("transaction.state.log.num.partitions", "5");
        // Tests join groups one after another; waiting for more members only costs time.
        defaults.put("group.initial.rebalance.delay.ms", "0");
        // A broker killed with -9 can register again only once its old session expired (the
        // default 9 s); a short session makes kill-and-restart tests fast.
        defaults.put("broker.session.timeout.ms", "4000");
        defaults.put("broker.heartbeat.interval.ms", "500");
        defaults.put("num.partitions", "1");
        // Tests create their topics explicitly, so a typo fails instead of silently working.
        defaults.put("auto.create.topics.enable", "false");
        defaults.put("num.network.threads", "2");
        defaults.put("num.io.threads", "4");
        // The OS sizes the socket buffers, as iMSG's consumer does. With Kafka's fixed 100 KiB the
        // broker advertised zero windows to busy loopback clients, and raw's p99 at 20,000 msg/s
        // was 14-25 ms in latency runs without a stall; with -1, 8-9 ms in warm ones. Benchmarks
        // should measure the clients, not this (docs/benchmarks.md, "The latency tail").
        defaults.put("socket.receive.buffer.bytes", "-1");
        defaults.put("socket.send.buffer.bytes", "-1");
        return defaults;
    }

    /**
     * The full configuration of the single embedded broker: reserved keys, then defaults, then
     * the user's overrides.
     *
     * @throws IllegalArgumentException if {@code overrides} names a reserved key
     */
    public static Properties serverProperties(BrokerPorts ports, Path logDir, Map<String, String> overrides) {
        QuorumNode self = new QuorumNode(NODE_ID, ports);
        return serverProperties(self, List.of(self), logDir, defaults(), overrides);
    }

    /**
     * The full configuration of {@code self}, one combined node of a static quorum of
     * {@code quorum} (which includes {@code self}): reserved keys, then {@code defaults}, then
     * the user's overrides.
     *
     * @throws IllegalArgumentException if {@code overrides} names a reserved key, or
     *     {@code quorum} does not include {@code self}
     */
    public static Properties serverProperties(QuorumNode self, List<QuorumNode> quorum, Path logDir,
            Map<String, String> defaults, Map<String, String> overrides) {
        checkNotReserved(overrides);
        if (!quorum.contains(self)) {
            throw new IllegalArgumentException("quorum " + quorum + " must include node " + self);
        }
        Properties props = new Properties();
        BrokerPorts ports = self.ports();
        String controller = BrokerPorts.HOST + ":" + ports.controllerPort();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(self.id()));
        // A static quorum: the controllers' addresses come from this file at every start, so a
        // data directory stays usable when a later broker on it gets other ports.
        props.setProperty("controller.quorum.voters", QuorumNode.voters(quorum));
        props.setProperty("listeners", "PLAINTEXT://" + ports.bootstrapServers() + ",CONTROLLER://" + controller);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + ports.bootstrapServers());
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        defaults.forEach(props::setProperty);
        overrides.forEach(props::setProperty);
        return props;
    }

    /**
     * Checks one pass-through property as a builder's {@code brokerProperty(key, value)} gets it:
     * neither may be null, the key not blank nor {@link #RESERVED}. The message names the key.
     */
    public static void checkProperty(String key, String value) {
        Objects.requireNonNull(key, "brokerProperty key must not be null");
        Objects.requireNonNull(value, "brokerProperty '" + key + "' value must not be null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("brokerProperty key must not be blank");
        }
        checkNotReserved(Map.of(key, value));
    }

    /** Throws if {@code overrides} names a {@link #RESERVED} key; the message names it. */
    public static void checkNotReserved(Map<String, String> overrides) {
        for (String key : overrides.keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("brokerProperty '" + key
                        + "' is set by the embedded broker itself and cannot be overridden; reserved: "
                        + RESERVED.stream().sorted().toList());
            }
        }
    }

    /** Writes {@code props} to {@code file}, replacing it. */
    public static void write(Properties props, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "written by the iMSG testkit; rewritten at every start");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
