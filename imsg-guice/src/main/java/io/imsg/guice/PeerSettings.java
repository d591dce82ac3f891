package io.imsg.guice;

import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.presence.PresenceSettings;
import io.imsg.kafka.receipts.ReplySettings;
import java.util.Optional;

/**
 * How a service deals with its peers, both off unless bound: presence heartbeats and the presence
 * view ({@link PresenceSettings}), and receipts and replies ({@link ReplySettings}).
 */
record PeerSettings(Optional<PresenceSettings> presence, Optional<ReplySettings> replies) {

    void applyTo(KafkaMessaging.Builder messaging) {
        presence.ifPresent(messaging::presence);
        replies.ifPresent(messaging::replies);
    }
}
