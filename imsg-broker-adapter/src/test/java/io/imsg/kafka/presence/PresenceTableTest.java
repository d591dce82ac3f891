package io.imsg.kafka.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.presence.InstancePresence;
import io.imsg.api.presence.PresenceChange;
import io.imsg.kafka.presence.internal.PresenceTable;
import io.imsg.schema.PresenceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresenceTableTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final PresenceTable table = new PresenceTable(Duration.ofSeconds(3));

    @Test
    void aFirstHeartbeatIsAChangeFromOfflineToOnlineAndARepeatIsNone() {
        PresenceChange change = table.apply(beat("a", PresenceStatus.ONLINE, T0), T0).orElseThrow();

        assertThat(change.previous()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(change.current().status()).isEqualTo(PresenceStatus.ONLINE);
        assertThat(table.apply(beat("a", PresenceStatus.ONLINE, T0.plusSeconds(1)), T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void anInstanceSilentForLongerThanTheDeadlineIsReportedOfflineOnce() {
        table.apply(beat("a", PresenceStatus.ONLINE, T0), T0);

        assertThat(table.expire(T0.plusSeconds(3))).as("exactly at the deadline").isEmpty();
        assertThat(table.expire(T0.plusMillis(3_001))).singleElement()
                .satisfies(c -> assertThat(c.current().status()).isEqualTo(PresenceStatus.OFFLINE));
        assertThat(table.expire(T0.plusSeconds(10))).isEmpty();
        assertThat(table.snapshot(T0.plusSeconds(10))).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PresenceStatus.OFFLINE));
    }

    @Test
    void aCleanStopIsSeenAsDrainingThenOffline() {
        table.apply(beat("a", PresenceStatus.ONLINE, T0), T0);

        assertThat(table.apply(beat("a", PresenceStatus.DRAINING, T0.plusSeconds(1)), T0.plusSeconds(1)))
                .hasValueSatisfying(c -> assertThat(c.previous()).isEqualTo(PresenceStatus.ONLINE));
        assertThat(table.apply(beat("a", PresenceStatus.OFFLINE, T0.plusSeconds(1)), T0.plusSeconds(1)))
                .hasValueSatisfying(c -> assertThat(c.current().status()).isEqualTo(PresenceStatus.OFFLINE));
    }

    @Test
    void replayedOldHeartbeatsDoNotReviveADeadInstance() {
        Instant now = T0.plusSeconds(3600);

        assertThat(table.apply(beat("a", PresenceStatus.ONLINE, T0), now)).as("dead for an hour").isEmpty();
        assertThat(table.snapshot(now)).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PresenceStatus.OFFLINE));
    }

    @Test
    void aHeartbeatFromAClockAheadCountsFromItsArrivalAndAnOlderOneIsIgnored() {
        table.apply(beat("a", PresenceStatus.ONLINE, T0.plusSeconds(60)), T0);

        assertThat(table.apply(beat("a", PresenceStatus.OFFLINE, T0.minusSeconds(1)), T0)).as("overtaken").isEmpty();
        assertThat(table.expire(T0.plusSeconds(4))).as("the deadline runs from arrival, not from the future")
                .singleElement().satisfies(c -> assertThat(c.current().status()).isEqualTo(PresenceStatus.OFFLINE));
    }

    @Test
    void instancesOfOneServiceAreKeptApart() {
        table.apply(beat("a", PresenceStatus.ONLINE, T0), T0);
        table.apply(beat("b", PresenceStatus.DRAINING, T0), T0);

        assertThat(table.snapshot(T0)).extracting(InstancePresence::instance, InstancePresence::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", PresenceStatus.ONLINE),
                        org.assertj.core.groups.Tuple.tuple("b", PresenceStatus.DRAINING));
    }

    @Test
    void anInstanceGoneForLongIsForgottenSoTheTableStaysBounded() {
        table.apply(beat("old", PresenceStatus.ONLINE, T0), T0);
        Instant muchLater = T0.plus(Duration.ofHours(2));
        table.apply(beat("new", PresenceStatus.ONLINE, muchLater), muchLater);

        assertThat(table.expire(muchLater)).as("its OFFLINE change is still reported before it is forgotten")
                .singleElement().satisfies(c -> assertThat(c.current().instance()).isEqualTo("old"));
        assertThat(table.snapshot(muchLater)).extracting(InstancePresence::instance).containsExactly("new");
    }

    private static InstancePresence beat(String instance, PresenceStatus status, Instant lastSeen) {
        return new InstancePresence("inventory", instance, status, Set.of("io.imsg.examples.OrderPlaced"), lastSeen, "dev");
    }
}
