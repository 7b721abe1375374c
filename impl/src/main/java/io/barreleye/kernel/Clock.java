package io.barreleye.kernel;

/** The time kernels stamp messages with: logical steps in simulation, nanoseconds on threads. */
@FunctionalInterface
public interface Clock {
    long now();

    Clock NANOS = System::nanoTime;
}
