package io.imsg.testkit.fault;

import io.imsg.testkit.internal.ParentWatch;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * The trampoline every {@link ChildJvm} runs: {@code ChildMain <realMainClass> args...}. It starts
 * the {@link ParentWatch} first, so the child halts as soon as the test JVM is gone (even after a
 * {@code kill -9} of the test JVM), then runs the real main class with the remaining arguments.
 *
 * <p>The real main class needs no knowledge of the harness; any class with a
 * {@code public static void main(String[])} works.
 */
public final class ChildMain {

    /** Exit status when the arguments or the real main class are unusable. */
    public static final int EXIT_USAGE = 2;

    private ChildMain() {}

    public static void main(String[] args) throws Throwable {
        ParentWatch.haltWhenStdinCloses();
        if (args.length < 1) {
            System.err.println("IMSG-9120 usage: ChildMain <mainClass> [args...]");
            System.exit(EXIT_USAGE);
        }
        MethodHandle main = findMain(args[0]);
        main.invokeExact(Arrays.copyOfRange(args, 1, args.length));
    }

    private static MethodHandle findMain(String className) {
        try {
            Class<?> type = Class.forName(className);
            return MethodHandles.publicLookup().findStatic(type, "main",
                    MethodType.methodType(void.class, String[].class));
        } catch (ReflectiveOperationException e) {
            System.err.println("IMSG-9121 no usable main method in " + className + ": " + e);
            System.exit(EXIT_USAGE);
            throw new AssertionError("unreachable", e);
        }
    }
}
