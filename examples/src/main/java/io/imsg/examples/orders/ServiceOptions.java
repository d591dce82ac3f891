package io.imsg.examples.orders;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The command-line options both example services share; a picocli mixin. */
public final class ServiceOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:IMSG_BOOTSTRAP_SERVERS}",
            description = "The Kafka cluster (default: the IMSG_BOOTSTRAP_SERVERS environment variable).")
    private String bootstrapServers;

    @Option(names = "--metrics-file", paramLabel = "FILE",
            description = "Write the service's meters to this file every few seconds and on shutdown.")
    private Path metricsFile;

    /** The bootstrap servers; a usage error when neither the flag nor the variable gives them. */
    public String bootstrapServers() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "no Kafka cluster: give --bootstrap-servers or set IMSG_BOOTSTRAP_SERVERS");
        }
        return bootstrapServers;
    }

    public Optional<Path> metricsFile() {
        return Optional.ofNullable(metricsFile);
    }
}
