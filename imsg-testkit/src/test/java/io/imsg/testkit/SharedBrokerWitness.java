package io.imsg.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Records which brokers the extension handed out in this run, to prove there is one. */
final class SharedBrokerWitness {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private SharedBrokerWitness() {}

    /** Records {@code broker} and returns every broker seen so far in this JVM. */
    static Set<String> saw(KafkaBroker broker) {
        SEEN.add(broker.bootstrapServers());
        return Set.copyOf(SEEN);
    }
}
