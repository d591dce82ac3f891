package io.imsg.examples.testing;

import io.imsg.api.Message;
import io.imsg.api.spi.PublishResult;
import io.imsg.api.spi.Publisher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;

/** A publisher that acknowledges every message at once and keeps what it was given. */
public final class FakePublisher implements Publisher {

    /** One message as it was published. */
    public record Sent(String topic, Message<? extends SpecificRecord> message) {}

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public <T extends SpecificRecord> CompletableFuture<PublishResult> publish(String topic, Message<T> message) {
        sent.add(new Sent(topic, message));
        return CompletableFuture.completedFuture(new PublishResult(topic, 0, sent.size() - 1, message.id()));
    }

    public List<Sent> sent() {
        return sent;
    }

    @Override
    public void close() {}
}
