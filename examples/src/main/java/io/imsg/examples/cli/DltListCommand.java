package io.imsg.examples.cli;

import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.redrive.DeadLetter;
import io.imsg.kafka.redrive.DeadLetterReader;
import io.imsg.kafka.redrive.DeadLetterSummary;
import io.imsg.kafka.redrive.DeadLetterTopicNotFoundException;
import io.imsg.kafka.redrive.RedriveLedger;
import io.imsg.kafka.redrive.RedriveTopics;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imsg dlt list}: how many dead letters, by route, exception class and hour. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        header = "Counts a topic's dead letters by route, exception class and hour.",
        description = "Reads <topic>.dlt from its beginning to its current end (it does not wait for more) and"
                + " prints the counts, and how many of the dead letters were redriven already.",
        sortOptions = false)
final class DltListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DltOptions options;

    @Override
    public Integer call() {
        String topic = options.topic();
        KafkaSettings kafka = options.kafka();
        try (DeadLetterReader reader = DeadLetterReader.create(kafka, options.settings())) {
            RedriveLedger ledger = reader.ledger(topic);
            Counts counts;
            try (Stream<DeadLetter> letters = reader.stream(topic)) {
                // One pass: the summary, and how many of these very dead letters the ledger records.
                counts = letters.collect(Collectors.teeing(DeadLetterSummary.collector(),
                        Collectors.filtering(ledger::contains, Collectors.counting()), Counts::new));
            }
            new SummaryTable(spec.commandLine().getOut()).print(RedriveTopics.deadLetterTopicOf(topic),
                    counts.summary(), counts.redriven());
            return 0;
        } catch (DeadLetterTopicNotFoundException e) {
            return DltErrors.couldNotRun(spec, e.getMessage());
        }
    }

    private record Counts(DeadLetterSummary summary, long redriven) {}
}
