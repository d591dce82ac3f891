package io.imsg.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Writes the {@code server.properties} of a single-node, combined broker and controller,
 * sized for a small test machine.
 *
 * <p>Users may override any default through {@code brokerProperty}, except the
 * {@link #RESERVED} keys: those hold the contract of the embedded broker (one node, listening
 * on 127.0.0.1 only, on the ports and in the directories the testkit owns).
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
        return defaults;
    }

    /**
     * The full configuration: reserved keys, then defaults, then the user's overrides.
     *
     * @throws IllegalArgumentException if {@code overrides} names a reserved key
     */
    public static Properties serverProperties(BrokerPorts ports, Path logDir, Map<String, String> overrides) {
        checkNotReserved(overrides);
        Properties props = new Properties();
        String controller = BrokerPorts.HOST + ":" + ports.controllerPort();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(NODE_ID));
        // A static quorum: the controller's address comes from this file at every start, so a
        // data directory stays usable when a later broker on it gets other ports.
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + controller);
        props.setProperty("listeners", "PLAINTEXT://" + ports.bootstrapServers() + ",CONTROLLER://" + controller);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + ports.bootstrapServers());
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        defaults().forEach(props::setProperty);
        overrides.forEach(props::setProperty);
        return props;
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
