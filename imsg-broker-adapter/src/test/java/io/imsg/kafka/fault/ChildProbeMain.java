package io.imsg.kafka.fault;

/**
 * A minimal child for {@link ChildJvmIT}: prints its arguments and the system property
 * {@code probe}, then exits with the status given as first argument, or runs until signalled when
 * that argument is {@code run}.
 */
public final class ChildProbeMain {

    private ChildProbeMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("probe started with " + String.join(",", args) + " property=" + System.getProperty("probe"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("probe shutdown hook ran")));
        if (args.length > 0 && !args[0].equals("run")) {
            System.exit(Integer.parseInt(args[0]));
        }
        while (true) {
            Thread.sleep(100);
            System.out.println("tick");
        }
    }
}
