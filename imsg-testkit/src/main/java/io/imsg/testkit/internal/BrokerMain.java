package io.imsg.testkit.internal;

import java.util.Arrays;
import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * The main class of the broker's child JVM.
 *
 * <p>Usage: {@code BrokerMain <server.properties> [<clusterId>]}. With a cluster id, the log
 * directory is formatted first, in this same JVM, which saves the start of a second JVM.
 * Then it runs {@code kafka.Kafka}. Before anything else it starts a {@link ParentWatch}, so
 * the broker never outlives the JVM that started it.
 *
 * <p>This class runs only in the child: the parent never loads it, because the Kafka server
 * classes are not on the parent's classpath.
 */
public final class BrokerMain {

    /**
     * This class's name, as a compile-time constant: the parent names the class on the child's
     * command line without loading it.
     */
    public static final String CLASS_NAME = "io.imsg.testkit.internal.BrokerMain";

    private BrokerMain() {}

    public static void main(String[] args) {
        ParentWatch.haltWhenStdinCloses();
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BrokerMain <server.properties> [<clusterId>], got " + Arrays.toString(args));
            System.exit(2);
        }
        String serverProperties = args[0];
        if (args.length == 2) {
            format(serverProperties, args[1]);
        }
        Kafka.main(new String[] {serverProperties});
    }

    private static void format(String serverProperties, String clusterId) {
        // The configuration names a static quorum (controller.quorum.voters), so no --standalone:
        // StorageTool rejects it together with controller.quorum.voters.
        int status = StorageTool.execute(
                new String[] {"format", "--cluster-id", clusterId, "--config", serverProperties}, System.out);
        if (status != 0) {
            System.err.println("kafka-storage format failed with status " + status);
            System.exit(status);
        }
    }
}
