package io.imsg.testkit.internal;

import io.imsg.testkit.SecureListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;

/** Adds a {@link SecureListener} (SASL_SSL with SCRAM-SHA-512) to a broker's server properties. */
public final class SecureListeners {

    private SecureListeners() {}

    public static Properties apply(Properties props, SecureListener secure, int port) {
        String name = SecureListener.NAME;
        String address = name + "://" + BrokerPorts.HOST + ":" + port;
        props.setProperty("listeners", props.getProperty("listeners") + "," + address);
        props.setProperty("advertised.listeners", props.getProperty("advertised.listeners") + "," + address);
        props.setProperty("listener.security.protocol.map",
                props.getProperty("listener.security.protocol.map") + "," + name + ":SASL_SSL");
        String prefix = "listener.name." + name.toLowerCase(java.util.Locale.ROOT) + ".";
        props.setProperty(prefix + "ssl.keystore.location", secure.keyStore().toAbsolutePath().toString());
        props.setProperty(prefix + "ssl.keystore.type", "PKCS12");
        props.setProperty(prefix + "ssl.keystore.password", secure.keyStorePassword());
        props.setProperty(prefix + "ssl.key.password", secure.keyStorePassword());
        props.setProperty(prefix + "sasl.enabled.mechanisms", "SCRAM-SHA-512");
        props.setProperty(prefix + "scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.setProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        return props;
    }

    /** Launches a broker with the secure listener next to the PLAINTEXT one; see {@link BrokerLauncher#launch}. */
    public static BrokerProcess launch(BrokerSettings settings, BrokerLayout layout, BrokerPorts ports, SecureListener secure,
            int securePort) {
        Properties props = BrokerConfig.serverProperties(ports, layout.logDir(), settings.brokerProperties());
        return BrokerLauncher.launch(settings, layout, apply(props, secure, securePort), Uuid.randomUuid().toString());
    }

    /** A free port on 127.0.0.1 for the secure listener; the caveat of {@link BrokerPorts#pickFree()} applies. */
    public static int pickFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerPorts.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on " + BrokerPorts.HOST, e);
        }
    }

    /** Creates (or updates) the listener's SCRAM-SHA-512 users through the PLAINTEXT listener. */
    public static void createUsers(SecureListener secure, String plaintextBootstrap) {
        if (secure.scramUsers().isEmpty()) {
            return;
        }
        List<UserScramCredentialAlteration> users = secure.scramUsers().entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), user.getValue()))
                .toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", plaintextBootstrap))) {
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the SCRAM users " + secure.scramUsers().keySet() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating SCRAM users", e);
        }
    }
}
