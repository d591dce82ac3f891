package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerClasspathTest {

    private final BrokerClasspath classpath = BrokerClasspath.load();

    private List<String> fileNames() {
        return classpath.entries().stream().map(path -> path.getFileName().toString()).toList();
    }

    @Test
    void brokerClasspathHoldsTheServerClientsScalaAndALog4jBinding() {
        assertThat(fileNames()).anyMatch(name -> name.startsWith("kafka_2.13-"))
                .anyMatch(name -> name.startsWith("kafka-server-"))
                .anyMatch(name -> name.startsWith("kafka-clients-"))
                .anyMatch(name -> name.startsWith("scala-library-"))
                .anyMatch(name -> name.startsWith("log4j-slf4j2-impl-"))
                .anyMatch(name -> name.startsWith("log4j-core-"))
                .anyMatch(name -> name.startsWith("slf4j-api-"));
    }

    @Test
    void brokerClasspathHoldsTheCompressionLibrariesOfTheClients() {
        assertThat(fileNames()).anyMatch(name -> name.startsWith("zstd-jni-"))
                .anyMatch(name -> name.startsWith("lz4-java-"))
                .anyMatch(name -> name.startsWith("snappy-java-"));
    }

    @Test
    void brokerClasspathLeavesOutTestFrameworksDockerAndLogback() {
        assertThat(fileNames()).noneMatch(name -> name.startsWith("junit-"))
                .noneMatch(name -> name.startsWith("testcontainers"))
                .noneMatch(name -> name.startsWith("docker-java"))
                .noneMatch(name -> name.startsWith("logback-"))
                .noneMatch(name -> name.startsWith("assertj-"));
    }

    @Test
    void brokerClasspathEndsWithTheTestkitsOwnClasses() {
        Path own = classpath.entries().get(classpath.entries().size() - 1);
        String brokerMain = BrokerMain.CLASS_NAME.replace('.', '/') + ".class";

        boolean found = Files.isDirectory(own) ? Files.exists(own.resolve(brokerMain)) : own.toString().endsWith(".jar");
        assertThat(found).as("BrokerMain is found in %s", own).isTrue();
    }

    @Test
    void brokerMainNameIsTheClassName() throws Exception {
        // Loaded without initializing: the Kafka server classes it calls are not on this classpath.
        Class<?> main = Class.forName(BrokerMain.CLASS_NAME, false, getClass().getClassLoader());

        assertThat(main.getSimpleName()).isEqualTo("BrokerMain");
    }

    @Test
    void brokerJarsStayOffTheClasspathOfTestkitUsers() {
        // "provided" scope is not passed on: a project using the testkit sees neither the Kafka
        // server nor Scala nor a second SLF4J binding. This module's tests see the same.
        ClassLoader loader = getClass().getClassLoader();

        assertThatThrownBy(() -> Class.forName("kafka.Kafka", false, loader)).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("scala.Option", false, loader)).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.logging.slf4j.SLF4JServiceProvider", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void missingJarsAreNamedWithTheFix() {
        Path existing = classpath.entries().get(0);
        Path missing = Path.of("/nowhere/kafka-server-0.0.jar");

        assertThatThrownBy(() -> BrokerClasspath.checked(List.of(existing, missing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nowhere/kafka-server-0.0.jar")
                .hasMessageContaining("install");
    }
}
