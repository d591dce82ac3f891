package io.imsg.examples.load;

import java.lang.management.ManagementFactory;

/**
 * CPU time this JVM has used, all threads together. On a shared machine a run's wall-clock
 * throughput moves with whatever else runs; its CPU cost per message mostly does not.
 */
final class ProcessCpu {

    private ProcessCpu() {}

    /** Nanoseconds of CPU this process used so far, or 0 where the JVM cannot tell. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }
}
