package io.imsg.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** The one-line errors of the {@code imsg dlt} commands, with the exit code of {@link ImsgCli}. */
final class DltErrors {

    private DltErrors() {}

    /** The command could not run (a missing topic, say): one line on stderr, exit code 3. */
    static int couldNotRun(CommandSpec spec, String why) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.commandLine().getColorScheme().errorText(spec.qualifiedName() + ": " + why));
        err.flush();
        return ImsgCli.EXIT_ERROR;
    }
}
