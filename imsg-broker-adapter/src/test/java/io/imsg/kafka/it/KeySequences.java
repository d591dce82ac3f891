package io.imsg.kafka.it;

import io.imsg.api.Message;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.orders.OrderPlaced;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The ordering tests' workload: {@code keys} keys, each sent sequence numbers 0 to {@code perKey - 1}
 * (carried as the order's quantity), interleaved across keys, all acknowledged before returning.
 */
final class KeySequences {

    private KeySequences() {}

    static void sendAll(Publisher publisher, String topic, int keys, int perKey) throws Exception {
        List<CompletableFuture<?>> sends = new ArrayList<>(keys * perKey);
        for (int sequence = 0; sequence < perKey; sequence++) {
            for (int k = 0; k < keys; k++) {
                String key = "key-" + k;
                OrderPlaced order = OrderPlaced.newBuilder().setOrderId(key + "-" + sequence).setSku(key)
                        .setQuantity(sequence).build();
                sends.add(publisher.publish(topic, Message.builder(order).key(key).build()));
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
    }
}
