package io.imsg.api.presence;

import io.imsg.api.Message;
import io.imsg.api.spi.PublishResult;
import java.util.concurrent.CompletableFuture;

/**
 * What to do with a message whose target is offline, when the send policy is
 * {@link SendPolicy#fallback(OfflineFallback)}: store it, notify by another channel (the "SMS" of a
 * messenger), and so on. The returned future becomes the result of the publish call.
 */
@FunctionalInterface
public interface OfflineFallback {

    CompletableFuture<PublishResult> handle(String topic, Message<?> message);
}
