package io.imsg.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The two TCP ports of an embedded broker on 127.0.0.1: one for clients, one for the KRaft
 * controller. Chosen once and kept for the broker's life, so that a restarted broker is found
 * again by the clients that knew it.
 *
 * @param clientPort the port of the client listener ({@code PLAINTEXT})
 * @param controllerPort the port of the controller listener ({@code CONTROLLER})
 */
public record BrokerPorts(int clientPort, int controllerPort) {

    /** The only address the broker listens on. */
    public static final String HOST = "127.0.0.1";

    public BrokerPorts {
        checkPort("clientPort", clientPort);
        checkPort("controllerPort", controllerPort);
        if (clientPort == controllerPort) {
            throw new IllegalArgumentException("clientPort and controllerPort must differ, both are " + clientPort);
        }
    }

    /**
     * Picks two free ports. Both sockets are open at the same time, so the two differ. Another
     * process may still take a port between this call and the broker's bind; the broker then
     * fails to start and says so in its log, which is rare enough for tests.
     */
    public static BrokerPorts pickFree() {
        InetAddress loopback = loopback();
        try (ServerSocket client = new ServerSocket(0, 1, loopback);
                ServerSocket controller = new ServerSocket(0, 1, loopback)) {
            return new BrokerPorts(client.getLocalPort(), controller.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("could not find two free ports on " + HOST, e);
        }
    }

    /**
     * Picks two free ports for each of {@code nodes} brokers. All the sockets are open at the same
     * time, so no port is handed out twice; the caveat of {@link #pickFree()} applies.
     *
     * @throws IllegalArgumentException if {@code nodes < 1}
     */
    public static List<BrokerPorts> pickFree(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
        }
        InetAddress loopback = loopback();
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * nodes; i++) {
                sockets.add(new ServerSocket(0, 1, loopback));
            }
            List<BrokerPorts> ports = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ports.add(new BrokerPorts(sockets.get(2 * i).getLocalPort(), sockets.get(2 * i + 1).getLocalPort()));
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException("could not find " + 2 * nodes + " free ports on " + HOST, e);
        } finally {
            sockets.forEach(BrokerPorts::closeQuietly);
        }
    }

    /** {@code 127.0.0.1:<clientPort>}. */
    public String bootstrapServers() {
        return HOST + ":" + clientPort;
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Only a probe: the port is free either way once this JVM lets go of it.
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName(HOST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be in 1..65535, was " + port);
        }
    }
}
