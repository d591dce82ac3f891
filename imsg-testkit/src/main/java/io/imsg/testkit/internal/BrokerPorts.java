package io.imsg.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

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

    /** {@code 127.0.0.1:<clientPort>}. */
    public String bootstrapServers() {
        return HOST + ":" + clientPort;
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
