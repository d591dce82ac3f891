package io.imsg.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into {@code imsg-cli.properties}, for {@code imsg --version}. */
final class CliVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CliVersion.class.getResourceAsStream("/imsg-cli.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"iMSG " + properties.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
