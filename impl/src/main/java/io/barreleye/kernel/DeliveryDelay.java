package io.barreleye.kernel;

/**
 * How long a message takes to travel between two cores, in clock units: the simulation's
 * interconnect latency model. A message sent at time t is not read before t + delay(from, to);
 * messages on one channel still arrive in order. Only the single-threaded simulation installs
 * one (see {@link Machine#setDeliveryDelay}); on threads the hardware decides.
 */
@FunctionalInterface
public interface DeliveryDelay {
    long delay(int from, int to);
}
