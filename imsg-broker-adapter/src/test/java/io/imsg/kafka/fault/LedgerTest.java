package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.testkit.fault.Ledger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append-only ledger of a fault run: lines, families, ids, and nothing half-written. */
class LedgerTest {

    @TempDir
    Path dir;

    @Test
    void linesAreReadBackInTheOrderTheyWereAppended() {
        try (Ledger ledger = Ledger.in(dir)) {
            ledger.writer("sent").append("m-1");
            ledger.writer("sent").append("m-2");

            assertThat(ledger.lines("sent")).containsExactly("m-1", "m-2");
            assertThat(ledger.lines("missing")).isEmpty();
        }
    }

    @Test
    void aFamilyMergesTheFilesOfEveryProcessAndIdsKeepRepetitions() {
        try (Ledger ledger = Ledger.in(dir)) {
            ledger.writer("handled-100").append("m-1", "100");
            ledger.writer("handled-200").append("m-1", "200");
            ledger.writer("handled-200").append("m-2", "200");
            ledger.writer("handledness").append("not-in-the-family");

            assertThat(ledger.ids("handled")).containsExactly("m-1", "m-1", "m-2");
            assertThat(ledger.lines("handled-100")).containsExactly("m-1 100");
        }
    }

    @Test
    void aLastLineWithoutItsNewlineWasNeverWrittenAndIsIgnored() throws Exception {
        Files.writeString(dir.resolve("sent.ledger"), "m-1\nm-2\nm-", StandardCharsets.UTF_8);

        assertThat(Ledger.in(dir).lines("sent")).containsExactly("m-1", "m-2");
    }

    @Test
    void concurrentWritersNeverInterleaveLines() throws Exception {
        try (Ledger ledger = Ledger.in(dir)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Thread writer = new Thread(() -> IntStream.range(0, 5_000)
                        .forEach(i -> ledger.writer("sent").append("m-" + thread + "-" + i, "payload")));
                writer.start();
                threads.add(writer);
            }
            for (Thread thread : threads) {
                thread.join();
            }

            assertThat(ledger.lines("sent")).hasSize(20_000).allMatch(line -> line.matches("m-\\d-\\d+ payload"));
        }
    }

    @Test
    void appendedLinesAreInTheFileWithoutAnyFlushOrClose() throws Exception {
        Ledger ledger = Ledger.in(dir);
        ledger.writer("sent").append("m-1");

        // what a kill -9 right now would leave: the file as the operating system has it
        assertThat(Files.readString(dir.resolve("sent.ledger"))).isEqualTo("m-1\n");
        ledger.close();
    }

    @Test
    void fieldsThatWouldBreakTheLineFormatAreRejected() {
        try (Ledger ledger = Ledger.in(dir)) {
            assertThatThrownBy(() -> ledger.writer("sent").append("m 1")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ledger.writer("sent").append("m\n1")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ledger.writer("sent").append("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ledger.writer("sent").append()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a ledger line needs at least one field");
            assertThatThrownBy(() -> ledger.writer("../x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aLedgerAppendsToWhatAnEarlierProcessWrote() throws Exception {
        Files.writeString(dir.resolve("sent.ledger"), "m-1\n", StandardOpenOption.CREATE);
        try (Ledger ledger = Ledger.in(dir)) {
            ledger.writer("sent").append("m-2");

            assertThat(ledger.lines("sent")).containsExactly("m-1", "m-2");
        }
    }
}
