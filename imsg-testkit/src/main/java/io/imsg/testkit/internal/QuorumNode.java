package io.imsg.testkit.internal;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One combined broker and controller of an embedded KRaft quorum: its node id and its ports.
 *
 * @param id the Kafka {@code node.id}, >= 1
 * @param ports its client and controller ports on {@link BrokerPorts#HOST}
 */
public record QuorumNode(int id, BrokerPorts ports) {

    public QuorumNode {
        if (id < 1) {
            throw new IllegalArgumentException("node id must be >= 1, was " + id);
        }
        Objects.requireNonNull(ports, "ports must not be null");
    }

    /** This node as an entry of {@code controller.quorum.voters}: {@code <id>@127.0.0.1:<controllerPort>}. */
    public String voter() {
        return id + "@" + BrokerPorts.HOST + ":" + ports.controllerPort();
    }

    /**
     * The {@code controller.quorum.voters} value naming every node of {@code quorum}: a static
     * quorum, the same string on every node at every start.
     */
    public static String voters(List<QuorumNode> quorum) {
        if (quorum.isEmpty()) {
            throw new IllegalArgumentException("quorum must name at least one node");
        }
        return quorum.stream().map(QuorumNode::voter).collect(Collectors.joining(","));
    }
}
