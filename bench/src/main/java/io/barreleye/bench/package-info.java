/**
 * JMH benchmarks for the URPC channels, all meant to run in one JMH run so that their ratios
 * compare like with like.
 *
 * <ul>
 *   <li>{@link io.barreleye.bench.PingPongRoundTrip} and {@link io.barreleye.bench.UrpcRoundTrip}:
 *       round-trip latency between the benchmark thread and an echo thread, over two raw padded
 *       words (the physical floor) and over a URPC duplex channel of each generation.
 *   <li>{@link io.barreleye.bench.UrpcThroughput}, {@link io.barreleye.bench.SpscQueueThroughput}
 *       and {@link io.barreleye.bench.RingBufferThroughput}: one-way messages per microsecond
 *       from a producer thread to a consumer thread, at the same capacity (1024 messages).
 * </ul>
 */
package io.barreleye.bench;
