/**
 * Guice wiring for iMSG: {@link io.imsg.guice.ImsgModule} binds a service's router, codec and Kafka
 * clients; {@link io.imsg.guice.ImsgBindings} lets any module contribute routes, middleware and
 * published types; {@link io.imsg.guice.ImsgService} starts and stops the clients. This is the only
 * package of iMSG that imports {@code com.google.inject}; the rest works with builders and
 * {@code new}.
 */
package io.imsg.guice;
