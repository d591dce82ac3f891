package io.imsg.examples.cli;

import io.imsg.kafka.redrive.DeadLetter;
import io.imsg.kafka.redrive.DeadLetterTopicNotFoundException;
import io.imsg.kafka.redrive.RedriveFilter;
import io.imsg.kafka.redrive.RedriveOutcome;
import io.imsg.kafka.redrive.RedriveReport;
import io.imsg.kafka.redrive.RedriveRequest;
import io.imsg.kafka.redrive.RedriveTopics;
import io.imsg.kafka.redrive.Redriver;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code imsg dlt redrive}: republishes selected dead letters to the topic they failed on. */
@Command(name = "redrive",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        header = "Republishes dead letters to their original topic, once.",
        description = {
            "Selects dead letters of <topic>.dlt (all filters given must match) and republishes each to the"
                    + " topic it failed on: original key, value and headers, the attempt counter reset, the"
                    + " failure headers removed and imsg-redrive-count increased.",
            "Each moved dead letter is recorded in <topic>.dlt.redriven, and recorded ones are skipped, so"
                    + " running it twice moves nothing twice. Run one redrive of a topic at a time.",
            "Exits with 1 when some selected dead letters could not be republished."},
        sortOptions = false)
final class DltRedriveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DltOptions options;

    @Option(names = "--exception-class", paramLabel = "CLASS", description = "Only dead letters that failed with"
            + " this exception: a full name (java.lang.IllegalStateException) or a simple one (IllegalStateException).")
    private String exceptionClass;

    @Option(names = "--route", paramLabel = "ROUTE", description = "Only dead letters of this route.")
    private String route;

    @Option(names = "--since", paramLabel = "TIME", converter = IsoInstant.class,
            description = "Only dead letters whose last failure is at or after TIME: " + IsoInstant.EXAMPLES + ".")
    private Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = IsoInstant.class,
            description = "Only dead letters whose last failure is before TIME.")
    private Instant until;

    @Option(names = "--limit", paramLabel = "N", description = "Republish at most N dead letters"
            + " (those redriven before do not count).")
    private Long limit;

    @Option(names = "--dry-run", description = "Print what would be republished; write nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        String topic = options.topic();
        RedriveRequest request = request();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s %s (filter: %s, limit: %s)%n", dryRun ? "Dry run of a redrive of" : "Redriving",
                RedriveTopics.deadLetterTopicOf(topic), request.filter(), limit == null ? "none" : limit);
        try (Redriver redriver = Redriver.create(options.kafka(), options.settings())) {
            RedriveReport report = redriver.redrive(topic, request, outcome -> print(out, outcome));
            printTotals(out, report);
            return report.failed() == 0 ? 0 : 1;
        } catch (DeadLetterTopicNotFoundException e) {
            out.flush();
            return DltErrors.couldNotRun(spec, e.getMessage());
        }
    }

    private RedriveRequest request() {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be >= 1 (was " + limit + ")");
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new ParameterException(spec.commandLine(), "--since " + since + " must be before --until " + until);
        }
        try {
            RedriveFilter filter = RedriveFilter.all();
            filter = exceptionClass == null ? filter : filter.withExceptionClass(exceptionClass);
            filter = route == null ? filter : filter.withRoute(route);
            filter = since == null ? filter : filter.withSince(since);
            filter = until == null ? filter : filter.withUntil(until);
            RedriveRequest request = RedriveRequest.of(filter).withDryRun(dryRun);
            return limit == null ? request : request.withLimit(limit);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()); // a blank --route, say
        }
    }

    private static void print(PrintWriter out, RedriveOutcome outcome) {
        DeadLetter letter = outcome.letter();
        String what = switch (outcome.kind()) {
            case MOVED -> "moved to " + outcome.target().orElse("?");
            case WOULD_MOVE -> "would move";
            case ALREADY_REDRIVEN -> "skipped: already redriven";
            case FAILED -> "FAILED: " + outcome.reason().orElse("?");
        };
        out.printf("  %-20s key=%s route=%s %s at %s: %s%n", letter.coordinates(),
                TerminalText.clean(letter.keyText().orElse("-")),
                TerminalText.clean(letter.failure().route().orElse("-")),
                TerminalText.clean(letter.failure().exceptionClass().orElse("(unknown)")),
                letter.failedAt().truncatedTo(ChronoUnit.SECONDS),
                TerminalText.clean(what));
        out.flush();
    }

    private static void printTotals(PrintWriter out, RedriveReport report) {
        if (report.dryRun()) {
            out.printf("Selected %d: would move %d, already redriven %d, failed %d. Dry run: nothing was written.%n",
                    report.selected(), report.wouldMove(), report.skippedAlreadyRedriven(), report.failed());
        } else {
            out.printf("Selected %d: moved %d, already redriven %d, failed %d.%n", report.selected(), report.moved(),
                    report.skippedAlreadyRedriven(), report.failed());
        }
        out.flush();
    }
}
