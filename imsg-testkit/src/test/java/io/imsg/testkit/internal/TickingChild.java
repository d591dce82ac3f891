package io.imsg.testkit.internal;

/**
 * A stand-in for the broker's child JVM: it starts the {@link ParentWatch}, prints a tick
 * every 50 ms, and on SIGTERM runs a slow shutdown hook, as Kafka's controlled shutdown does.
 * It ends by itself after 60 s, so a failed test never leaves it behind for long.
 */
public final class TickingChild {

    private TickingChild() {}

    public static void main(String[] args) throws InterruptedException {
        ParentWatch.haltWhenStdinCloses();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sleep(300);
            System.out.println("shutdown hook finished");
            System.out.flush();
        }));
        System.out.println("ready");
        for (int i = 0; i < 1_200; i++) {
            System.out.println("tick " + i);
            System.out.flush();
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
