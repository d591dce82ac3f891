package io.imsg.kafka;

import io.imsg.kafka.codec.KafkaSchemaTopic;
import io.imsg.kafka.consume.KafkaSubscriber;
import io.imsg.kafka.presence.internal.PresenceRuntime;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.receipts.Requester;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order in which the parts of a {@link KafkaMessaging} endpoint start and stop: {@link #start()}
 * publishes the service's schemas, loads its peers', and starts consuming; {@link #close()} undoes
 * it in reverse, and closes every part even when closing an earlier one fails. The requester, the
 * subscriber and the presence runtime are optional and null when absent.
 */
final class EndpointLifecycle {

    // Logged under KafkaMessaging, which logged this id before this class was split from it, so that
    // log configuration written for it keeps matching.
    private static final Logger log = LoggerFactory.getLogger(KafkaMessaging.class);

    private final Set<Class<? extends SpecificRecord>> spokenTypes;
    private final KafkaSchemaTopic schemaTopic;
    private final KafkaPublisher publisher;
    private final Requester requester;
    private final KafkaSubscriber subscriber;
    private final PresenceRuntime presence;

    EndpointLifecycle(Set<Class<? extends SpecificRecord>> spokenTypes, KafkaSchemaTopic schemaTopic,
            KafkaPublisher publisher, Requester requester, KafkaSubscriber subscriber, PresenceRuntime presence) {
        this.spokenTypes = spokenTypes;
        this.schemaTopic = schemaTopic;
        this.publisher = publisher;
        this.requester = requester;
        this.subscriber = subscriber;
        this.presence = presence;
    }

    /** See {@link KafkaMessaging#start()}. */
    void start() {
        List<?> published = schemaTopic.publishTypes(new ArrayList<>(spokenTypes));
        schemaTopic.startRefreshing();
        log.info("IMSG-1050 schema topic ready: {} of this service's {} schemas were new", published.size(),
                spokenTypes.size());
        if (requester != null) {
            requester.start();
        }
        if (subscriber != null) {
            subscriber.start();
        }
        if (presence != null) {
            presence.start(); // ONLINE only once this instance handles messages
        }
    }

    void close() {
        try {
            if (presence != null) {
                presence.draining(); // peers stop counting on this instance while it finishes its work
            }
            if (subscriber != null) {
                subscriber.close(); // in-flight handlers still publish outputs and dead letters
            }
        } finally {
            try {
                closeSenders();
            } finally {
                schemaTopic.close();
            }
        }
    }

    private void closeSenders() {
        try {
            if (requester != null) {
                requester.close();
            }
        } finally {
            try {
                if (presence != null) {
                    presence.close(); // announces OFFLINE through the publisher, so before it closes
                }
            } finally {
                publisher.close();
            }
        }
    }
}
