package io.barreleye.modelcheck.value;

/** An operation on values that TLA+ (or TLC) leaves undefined: the evaluator adds the location. */
public final class ValueException extends RuntimeException {
    public ValueException(String message) {
        super(message, null, false, false);
    }
}
