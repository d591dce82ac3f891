package io.imsg.api;

/** Argument checks shared by the API's value types. */
final class Names {

    private Names() {}

    static String requireNonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
