package io.imsg.kafka.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one run, printed as they happen (so a failing run shows how far it got) and
 * again together at the end, each line stamped with the seconds since the run began.
 */
final class ClusterRunReport {

    private final long begin = System.nanoTime();
    private final List<String> lines = new ArrayList<>();

    synchronized void mark(String what) {
        String line = String.format(Locale.ROOT, "[cluster-kill +%6.1f s] %s", (System.nanoTime() - begin) / 1e9, what);
        lines.add(line);
        System.out.println(line);
    }

    void counts(int acknowledged, HandledIds handled, long failedSends, int lost) {
        mark("acknowledged " + acknowledged + ", handled " + handled.ids().size() + " distinct in "
                + handled.invocations() + " handlings, raw duplicates " + handled.duplicates() + ", failed sends "
                + failedSends + ", lost " + lost);
    }

    synchronized void print() {
        mark("done");
        System.out.println("---- ClusterBrokerKillIT figures ----");
        lines.forEach(System.out::println);
    }
}
