package io.imsg.kafka.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.presence.InstancePresence;
import io.imsg.api.presence.PresenceChange;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.presence.internal.KafkaPresenceView;
import io.imsg.schema.Presence;
import io.imsg.schema.PresenceStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Records of the presence topic are hostile bytes: bad ones are skipped, good ones still count. */
class KafkaPresenceViewTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final Set<Class<? extends SpecificRecord>> types = Set.of(Presence.class, OrderPlaced.class);
    private final EnvelopeCodec codec = AvroEnvelopeCodec.create(SchemaRegistry.create().registerAll(types), types,
            DecodingLimits.ofDefaults());
    private final KafkaPresenceView view = new KafkaPresenceView(codec, PresenceSettings.ofDefaults(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void garbageForeignPayloadsAndTombstonesAreSkippedAndAHeartbeatStillCounts() {
        List<PresenceChange> changes = new ArrayList<>();
        view.subscribe(changes::add);

        view.accept(record(new byte[] {(byte) 0xC3, 0x01, 1, 2, 3}));
        view.accept(record(null));
        view.accept(record(encode(new OrderPlaced("o", "sku", 1, false))));
        view.accept(record(encode(new Presence("inventory", "i-1", PresenceStatus.ONLINE,
                List.of("io.imsg.examples.orders.OrderPlaced"), NOW, "dev"))));

        assertThat(changes).singleElement().satisfies(c -> assertThat(c.current().instance()).isEqualTo("i-1"));
        assertThat(view.online("inventory")).extracting(InstancePresence::instance).containsExactly("i-1");
        assertThat(view.onlineFor("io.imsg.examples.orders.OrderPlaced")).hasSize(1);
        assertThat(view.isOnline("billing")).isFalse();
    }

    @Test
    void aFailingListenerDoesNotStopOthers() throws Exception {
        List<PresenceChange> changes = new ArrayList<>();
        view.subscribe(change -> {
            throw new IllegalStateException("listener bug");
        });
        AutoCloseable second = view.subscribe(changes::add);

        view.accept(record(encode(new Presence("inventory", "i-1", PresenceStatus.ONLINE, List.of(), NOW, "dev"))));
        second.close();
        view.accept(record(encode(new Presence("inventory", "i-1", PresenceStatus.DRAINING, List.of(), NOW, "dev"))));

        assertThat(changes).as("one change before unsubscribing, none after").hasSize(1);
    }

    private byte[] encode(SpecificRecord payload) {
        return codec.encode(Message.builder(payload).source(new Source("inventory", "i-1")).build());
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("_imsg.presence", 0, 0, null, value);
    }
}
