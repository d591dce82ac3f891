package io.imsg.api;

/** Which service instance sent a message. */
public record Source(String service, String instance) {

    public Source {
        Names.requireNonBlank(service, "source service");
        Names.requireNonBlank(instance, "source instance");
    }

    @Override
    public String toString() {
        return service + "/" + instance;
    }
}
