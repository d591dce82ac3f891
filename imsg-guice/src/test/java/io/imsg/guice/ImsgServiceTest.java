package io.imsg.guice;

import static io.imsg.guice.ImsgModuleTest.ORDERS;
import static io.imsg.guice.ImsgModuleTest.routes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.KafkaMessaging;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lifecycle of the endpoint, without a broker: created on first use, closed with the service. */
class ImsgServiceTest {

    private final Injector injector = Guice.createInjector(new ImsgModule(), TestModules.settings(), routes(ORDERS),
            new AbstractModule() {
                @Override
                protected void configure() {
                    ImsgBindings.publishes(binder(), InventoryReserved.class);
                }
            });
    private final ImsgService service = injector.getInstance(ImsgService.class);

    @AfterEach
    void closeTheService() {
        service.close();
    }

    @Test
    void theEndpointIsBuiltOnFirstUseOncePerInjector() {
        assertThat(KafkaThreads.running()).isEmpty();

        KafkaMessaging messaging = injector.getInstance(KafkaMessaging.class);

        assertThat(messaging).isSameAs(service.messaging());
        assertThat(injector.getInstance(Publisher.class)).isSameAs(messaging.publisher());
        assertThat(injector.getInstance(EnvelopeCodec.class)).isSameAs(messaging.codec());
        assertThat(KafkaThreads.running()).isNotEmpty();
    }

    @Test
    void theCodecDecodesRoutedTypesAndEncodesPublishedOnes() {
        EnvelopeCodec codec = injector.getInstance(EnvelopeCodec.class);
        Source source = new Source("test-service", "test-1");
        OrderPlaced order = new OrderPlaced("o-1", "sku-1", 1, false);

        Message<SpecificRecord> decoded = codec.decode(codec.encode(Message.builder(order).source(source).build()),
                null);
        byte[] reply = codec.encode(
                Message.builder(new InventoryReserved("o-1", "sku-1", 1, 9)).source(source).build());

        assertThat(decoded.payload()).isEqualTo(order);
        assertThat(reply).isNotEmpty();
    }

    @Test
    void closingReleasesEveryClientAndEndsTheService() {
        service.messaging();

        service.close();

        assertThat(KafkaThreads.running()).isEmpty();
        assertThat(service.isRunning()).isFalse();
        assertThatThrownBy(service::messaging).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void closingAServiceThatWasNeverUsedCreatesNothing() {
        service.close();
        service.close();

        assertThat(KafkaThreads.running()).isEmpty();
    }
}
