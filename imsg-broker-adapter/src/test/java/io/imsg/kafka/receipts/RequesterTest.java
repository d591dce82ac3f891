package io.imsg.kafka.receipts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Misuse of receipts and request/reply is refused before anything is sent; no broker is needed. */
class RequesterTest {

    private static final KafkaSettings KAFKA = KafkaSettings.builder().bootstrapServers("127.0.0.1:1")
            .service("shop").build();
    private static final Message<OrderPlaced> ORDER = Message.of(new OrderPlaced("o-1", "sku-1", 1, false));

    @Test
    void theRequesterOfAServiceWithoutRepliesIsRefusedSayingHowToEnableThem() {
        try (KafkaMessaging messaging = KafkaMessaging.builder(KAFKA).meterRegistry(new SimpleMeterRegistry())
                .build()) {
            assertThatThrownBy(messaging::requester).isInstanceOf(IllegalStateException.class)
                    .hasMessage("replies are not enabled; call KafkaMessaging.Builder.replies(...)");
        }
    }

    @Test
    void aSendAskingForNoReceiptAndARequestWithoutAPositiveTimeoutAreRefused() {
        try (KafkaMessaging messaging = KafkaMessaging.builder(KAFKA).meterRegistry(new SimpleMeterRegistry())
                .replies(ReplySettings.ofDefaults()).build()) {
            Requester requester = messaging.requester();

            assertThatThrownBy(() -> requester.send("orders", ORDER)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ask for at least one receipt status (or use the publisher)");
            assertThatThrownBy(() -> requester.request("orders", ORDER, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("request timeout must be positive (was PT0S)");
            assertThatThrownBy(() -> requester.request("orders", ORDER, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("request timeout must be positive (was PT-1S)");
        }
    }
}
