package io.barreleye.modelcheck.config;

/** A malformed model file, or one that names what the spec does not define (TLC exit 151). */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
