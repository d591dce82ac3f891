package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.testkit.fault.ChildJvm;
import io.imsg.testkit.fault.Ledger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A ledger writer killed with SIGKILL mid-stream keeps every line it returned from, and only whole lines. */
class LedgerKillIT {

    private static final Pattern APPENDED = Pattern.compile("appended (\\d+)");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aKilledWriterLosesNoLineItReturnedFromAndLeavesNoHalfLine() throws Exception {
        long reported;
        try (ChildJvm writer = ChildJvm.builder(LedgerAppenderMain.class.getName()).name("appender").outputDir(dir)
                .heap("64m").arg(dir.toString()).start()) {
            awaitAppended(writer, 20_000);
            writer.kill();
            reported = lastReported(writer);
        }

        List<String> lines = Ledger.in(dir).lines("sent");
        assertThat(lines.size()).as("lines kept vs appends the writer returned from").isGreaterThanOrEqualTo((int) reported);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo("m-" + i + " payload-of-some-length-" + i);
        }
    }

    private static void awaitAppended(ChildJvm writer, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (lastReported(writer) < count) {
            assertThat(System.nanoTime()).as("%s appends %d lines", writer, count).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long lastReported(ChildJvm writer) {
        long last = 0;
        Matcher matcher = APPENDED.matcher(writer.outputTail(5));
        while (matcher.find()) {
            last = Long.parseLong(matcher.group(1));
        }
        return last;
    }
}
