package io.imsg.testkit;

/**
 * A parent JVM for {@link ParentDeathIT}: starts an embedded broker, prints its pid and data
 * directory, and waits to be killed. It ends by itself after 120 s.
 */
public final class BrokerParentMain {

    private BrokerParentMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
        System.out.println("BROKER_PID=" + kafka.pid());
        System.out.println("DATA_DIR=" + kafka.dataDir());
        System.out.flush();
        Thread.sleep(120_000);
        kafka.close();
    }
}
