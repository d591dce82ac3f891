package io.imsg.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for TLS tests, made with the JDK's {@code keytool}: a CA,
 * certificates it issues with the subject alternative names a test needs, and a PKCS12 trust
 * store holding the CA. Every store uses {@link #password()}. Keys are EC P-256, valid 2 days.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(tempDir);
 * Path brokerKeyStore = pki.issue("broker", "ip:127.0.0.1");  // SAN as keytool's -ext san=
 * Path trustStore = pki.trustStore();
 * }</pre>
 */
public final class TestPki {

    private final Path dir;
    private final String name;
    private final String password;

    private TestPki(Path dir, String name, String password) {
        this.dir = dir;
        this.name = name;
        this.password = password;
    }

    /** A new CA in {@code dir}, named "ca". */
    public static TestPki create(Path dir) {
        return create(dir, "ca");
    }

    /** A new CA in {@code dir}; {@code name} keeps the files of several CAs in one directory apart. */
    public static TestPki create(Path dir, String name) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        TestPki pki = new TestPki(dir, name, HexFormat.of().formatHex(random));
        pki.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=iMSG test CA " + name, "-ext", "bc:c", "-keystore", pki.file("ca.p12"));
        pki.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", pki.file("ca.p12"), "-file", pki.file("ca.crt"));
        pki.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", pki.file("ca.crt"), "-keystore",
                pki.file("truststore.p12"));
        return pki;
    }

    /** The password of every store this CA wrote. */
    public String password() {
        return password;
    }

    /** A PKCS12 trust store holding only this CA's certificate. */
    public Path trustStore() {
        return dir.resolve(name + "-truststore.p12");
    }

    /**
     * A PKCS12 key store with a new key for {@code subject} and its certificate chain, signed by
     * this CA, with the given subject alternative names ({@code "ip:127.0.0.1"},
     * {@code "dns:localhost,ip:127.0.0.1"}).
     */
    public Path issue(String subject, String subjectAlternativeNames) {
        String store = subject + ".p12";
        keytool("-genkeypair", "-alias", subject, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + subject, "-keystore", file(store));
        keytool("-certreq", "-alias", subject, "-keystore", file(store), "-file", file(subject + ".csr"));
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", file("ca.p12"), "-infile", file(subject + ".csr"),
                "-outfile", file(subject + ".crt"), "-validity", "2", "-ext", "san=" + subjectAlternativeNames);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.crt"), "-keystore", file(store));
        keytool("-importcert", "-alias", subject, "-file", file(subject + ".crt"), "-keystore", file(store));
        return dir.resolve(name + "-" + store);
    }

    private String file(String file) {
        return dir.resolve(name + "-" + file).toString();
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", password));
        if (List.of(args).contains("-genkeypair")) {
            command.addAll(List.of("-keypass", password));
        }
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output.replace(password, "****"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
