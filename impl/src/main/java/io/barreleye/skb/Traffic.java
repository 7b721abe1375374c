package io.barreleye.skb;

/**
 * Two services that talk, and how much (messages per unit time, any scale): the placement
 * objective is the sum over all such pairs of {@code weight * latency(core(a), core(b))}.
 */
public record Traffic(String a, String b, int weight) {
    public Traffic {
        if (weight < 1) throw new IllegalArgumentException("traffic " + a + "<->" + b + ": weight must be at least 1");
    }
}
