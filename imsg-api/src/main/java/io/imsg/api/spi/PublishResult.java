package io.imsg.api.spi;

/** Where an acknowledged message was written. */
public record PublishResult(String topic, int partition, long offset, String messageId) {}
