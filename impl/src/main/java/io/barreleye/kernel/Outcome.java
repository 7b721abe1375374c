package io.barreleye.kernel;

/**
 * The result of a split-phase operation: success with a value, or a typed failure. Callers get
 * a {@code CompletableFuture<Outcome<T>>} and keep working until it completes.
 */
public sealed interface Outcome<T> {
    /** Why an operation did not succeed. */
    enum Reason { BUSY, RETRY, ABORTED, CORE_FAILED, NOT_MEMBER, NO_SUCH_CORE, CONFLICT, SHUTDOWN }

    record Success<T>(T value) implements Outcome<T> {}

    record Failure<T>(Reason reason, String detail) implements Outcome<T> {}

    static <T> Outcome<T> success(T value) {
        return new Success<>(value);
    }

    static <T> Outcome<T> failure(Reason reason, String detail) {
        return new Failure<>(reason, detail);
    }

    default boolean succeeded() {
        return this instanceof Success;
    }
}
