package io.imsg.examples.load;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a result file records besides the figures: the command, the settings and the machine. */
final class RunContext {

    private RunContext() {}

    static Map<String, Object> of(LoadCluster cluster, LoadSettings settings, String command) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("command", command);
        context.put("broker", cluster.description());
        context.put("settings", settings.toString());
        context.put("processors", Runtime.getRuntime().availableProcessors());
        context.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        context.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        context.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        context.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return context;
    }
}
