package io.imsg.kafka.fault;

import io.imsg.testkit.fault.Ledger;
import io.imsg.testkit.fault.LedgerWriter;
import java.nio.file.Path;

/**
 * A child for {@link LedgerKillIT}: appends {@code m-0, m-1, ...} to the ledger {@code sent} in
 * directory {@code args[0]} as fast as it can, and after every 1,000th append has returned prints
 * {@code appended <count>}, until it is killed.
 */
public final class LedgerAppenderMain {

    private LedgerAppenderMain() {}

    public static void main(String[] args) {
        LedgerWriter sent = Ledger.in(Path.of(args[0])).writer("sent");
        for (long i = 0; ; i++) {
            sent.append("m-" + i, "payload-of-some-length-" + i);
            if ((i + 1) % 1_000 == 0) {
                System.out.println("appended " + (i + 1)); // println flushes: the count is out before the next append
            }
        }
    }
}
