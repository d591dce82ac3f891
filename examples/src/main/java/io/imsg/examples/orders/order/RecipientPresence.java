package io.imsg.examples.orders.order;

/**
 * INTEGRATION POINT for iMSG presence (being built separately): asked by {@link OrderDesk} before
 * every order whether the service that must handle it is online. Today's only implementation,
 * {@link #assumeOnline()}, always says yes. When presence lands, bind an implementation backed by
 * the presence view in {@link OrderModule} (it is an {@code OptionalBinder} default), and the desk
 * logs {@code IMSG-7010} and still sends when the recipient is offline: Kafka keeps the order until
 * the inventory comes back.
 */
@FunctionalInterface
public interface RecipientPresence {

    /** Whether {@code service} has a live instance now. */
    boolean isOnline(String service);

    /** Presence unknown: every service is taken to be online. */
    static RecipientPresence assumeOnline() {
        return service -> true;
    }
}
