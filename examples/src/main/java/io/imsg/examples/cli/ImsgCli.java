package io.imsg.examples.cli;

import io.imsg.examples.load.BenchCommand;
import io.imsg.examples.load.LoadCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The operator's command line, {@code ./imsg}: one subcommand per task. {@code demo} runs the
 * order-to-inventory pipeline; more subcommands (dead-letter redrive, load test) plug in here.
 *
 * <p>Exit codes: 0 success, 1 a check failed, 2 bad usage, 3 the command could not run.
 */
@Command(name = "imsg",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        description = "iMSG: typed messages over Apache Kafka.",
        subcommands = {DemoCommand.class, DltCommand.class, LoadCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  a check failed", "  2  bad usage", "  3  the command could not run"})
public final class ImsgCli implements Callable<Integer> {

    /** The command could not run: a broker that did not start, a cluster out of reach. */
    static final int EXIT_ERROR = 3;
    /** Enough for any real chain; a guard against cyclic ones. */
    private static final int MAX_CAUSES = 8;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its subcommands and error handling, ready to {@code execute}. */
    public static CommandLine commandLine() {
        return new CommandLine(new ImsgCli())
                .setExecutionExceptionHandler(ImsgCli::failed)
                .setParameterExceptionHandler(ImsgCli::badUsage);
    }

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }

    /** The mistake and where to read more, rather than the whole usage text after it. */
    private static int badUsage(ParameterException mistake, String[] args) {
        CommandLine command = mistake.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getColorScheme().errorText(mistake.getMessage()));
        if (!UnmatchedArgumentException.printSuggestions(mistake, err)) {
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** One readable line per cause instead of a stack trace: the logs hold the details. */
    private static int failed(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println(command.getColorScheme().errorText("imsg " + command.getCommandName() + " failed: " + failure));
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            err.println("  caused by: " + cause);
        }
        err.flush();
        return EXIT_ERROR;
    }
}
