package io.imsg.examples.orders.order;

/**
 * Asked by {@link OrderDesk} before every order whether the service that must handle it is online.
 * {@link OrderModule} answers from iMSG's presence view; tests can answer themselves. The desk's
 * policy when the inventory is offline: send anyway (Kafka keeps the order until the inventory is
 * back), log {@code IMSG-7010} once, and journal the order as sent while offline.
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
