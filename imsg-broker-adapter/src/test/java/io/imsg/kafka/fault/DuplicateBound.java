package io.imsg.kafka.fault;

import io.imsg.testkit.fault.Ledger;
import java.util.ArrayList;
import java.util.List;

/**
 * How many raw handler duplicates a fault run may show, and why.
 *
 * <p>When a member crashes, or freezes until the group gives its partitions away, or loses its
 * partitions when the broker dies, another member redoes what it had handled but not committed;
 * a frozen member that is thawed also finishes what it held before it learns it was fenced. iMSG
 * commits on a timer, so each such fault may redo at most: what the member held in flight, one
 * more poll, and what it finished in the two commit intervals before the fault (one commit may
 * have failed). The last term is read from the timestamps of the member's {@code handled} ledger.
 * A rebalance caused by a join or a clean leave redoes nothing: revoked partitions are committed
 * synchronously first.
 *
 * <p>RELIABILITY.md states a tighter bound, {@code max.poll.records × (kills + rebalances)},
 * which holds only while a commit interval covers fewer than {@code max.poll.records}
 * handlings; it is {@link #documented() reported} next to the enforced one.
 *
 * @param enforced the bound the run is checked against
 * @param documented RELIABILITY.md's bound
 * @param explanation how {@code enforced} was computed, for the report
 */
record DuplicateBound(long enforced, long documented, String explanation) {

    /** A fault after which a member's handled but uncommitted work may be done again. */
    record Redelivery(long pid, long atMillis) {

        /** Member {@code pid} faults now. */
        static Redelivery now(long pid) {
            return new Redelivery(pid, System.currentTimeMillis());
        }
    }

    /**
     * @param kills process kills, for RELIABILITY.md's formula
     * @param rebalances group rebalances, joins included, for RELIABILITY.md's formula
     * @param resends ids the producer sent again, each of which may sit in the topic twice
     */
    static DuplicateBound of(Ledger ledger, FaultConsumerConfig config, List<Redelivery> redeliveries, int kills,
            int rebalances, long resends) {
        long lookBack = 2 * FaultConsumerConfig.COMMIT_INTERVAL.toMillis();
        long held = config.maxInFlight() + config.maxPollRecords();
        long enforced = resends;
        List<Long> recent = new ArrayList<>();
        for (Redelivery fault : redeliveries) {
            long handled = handledBetween(ledger, fault.pid(), fault.atMillis() - lookBack, fault.atMillis());
            recent.add(handled);
            enforced += held + handled;
        }
        String explanation = "per fault " + held + " (" + config.maxInFlight() + " in flight + "
                + config.maxPollRecords() + " polled) + handled in the " + lookBack + " ms before it " + recent
                + ", over " + redeliveries.size() + " faults, + " + resends + " resends";
        return new DuplicateBound(enforced, (long) config.maxPollRecords() * (kills + rebalances), explanation);
    }

    /** Handlings by member {@code pid} with a timestamp in [from, to]. */
    private static long handledBetween(Ledger ledger, long pid, long from, long to) {
        long count = 0;
        for (String line : ledger.lines(FaultConsumers.HANDLED + "-" + pid)) {
            long millis = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            if (millis >= from && millis <= to) {
                count++;
            }
        }
        return count;
    }
}
