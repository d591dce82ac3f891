package io.imsg.examples.cli;

import io.imsg.kafka.security.RecordProtection;
import io.imsg.kafka.security.crypto.KeyProvider;
import io.imsg.kafka.security.crypto.KeyStoreKeyProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The AES keys of an encrypted topic, for reading its dead letters: a PKCS12 key store, as services
 * load theirs ({@code docs/security.md}). The password never goes on the command line, where
 * {@code ps} would show it: it comes from a file or from {@value #PASSWORD_ENV}.
 */
final class KeyStoreOptions {

    static final String PASSWORD_ENV = "IMSG_KEY_STORE_PASSWORD";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--key-store", paramLabel = "FILE", description = "A PKCS12 key store with the AES keys of the"
            + " topic's payload encryption; every key in it may decrypt. Its password comes from"
            + " --key-store-password-file or $" + PASSWORD_ENV + ".")
    private Path store;

    @Option(names = "--key-store-password-file", paramLabel = "FILE",
            description = "A file whose first line is the key store's password (default: $" + PASSWORD_ENV + ").")
    private Path passwordFile;

    /** Decryption for {@code topic} with the store's keys; none without {@code --key-store}. */
    RecordProtection protection(String topic) {
        if (store == null) {
            if (passwordFile != null) {
                throw new ParameterException(spec.commandLine(), "--key-store-password-file needs --key-store");
            }
            return RecordProtection.none();
        }
        char[] password = password();
        try {
            KeyProvider keys = KeyStoreKeyProvider.loadForReading(store, password);
            return RecordProtection.builder().encrypt(topic, keys).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--key-store: " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] password() {
        if (passwordFile != null) {
            try {
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                return text.lines().findFirst().orElse("").toCharArray();
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--key-store-password-file " + passwordFile
                        + " cannot be read: " + e.getMessage());
            }
        }
        String fromEnvironment = System.getenv(PASSWORD_ENV);
        if (fromEnvironment == null) {
            throw new ParameterException(spec.commandLine(), "--key-store needs its password: pass"
                    + " --key-store-password-file FILE or set " + PASSWORD_ENV);
        }
        return fromEnvironment.toCharArray();
    }
}
