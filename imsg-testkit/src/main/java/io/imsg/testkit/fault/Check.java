package io.imsg.testkit.fault;

import java.util.Objects;

/**
 * One named invariant of a fault run and whether it held, with the evidence either way.
 *
 * @param name what must hold, e.g. "lost: A \ (P ∪ D) = 0"
 * @param passed whether it held
 * @param detail the measured figure, or what broke it
 */
public record Check(String name, boolean passed, String detail) {

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    /** A check that passes when {@code condition} is true. */
    public static Check of(String name, boolean condition, String detail) {
        return new Check(name, condition, detail);
    }

    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
    }
}
