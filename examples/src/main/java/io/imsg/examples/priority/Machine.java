package io.imsg.examples.priority;

/** One line on where a benchmark ran: cores, memory, JVM. */
final class Machine {

    private Machine() {}

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return String.format("machine: %d cores, JVM %s (%s), max heap %d MiB, %s %s", runtime.availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                runtime.maxMemory() / (1024 * 1024), System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
