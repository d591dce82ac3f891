package io.imsg.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imsg dlt}: list, inspect and redrive dead letters. */
@Command(name = "dlt",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        header = "Lists, shows and redrives dead letters.",
        description = {
            "Works on <topic>.dlt, where iMSG writes what could not be handled: the original key, value and"
                    + " headers plus why it failed (exception, route, attempts, times).",
            "The cluster is --bootstrap-servers, or $" + DltOptions.BOOTSTRAP_ENV + " when it is not given."},
        subcommands = {DltListCommand.class, DltShowCommand.class, DltRedriveCommand.class})
final class DltCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
