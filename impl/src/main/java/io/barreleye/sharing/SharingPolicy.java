package io.barreleye.sharing;

import java.util.Locale;

/** What {@code --sharing} asks for: measure per group at boot, or force one mode everywhere. */
public enum SharingPolicy {
    AUTO, MESSAGES, SHARED;

    /** Parses {@code auto|messages|shared}, case-insensitively. */
    public static SharingPolicy parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--sharing must be auto, messages or shared, not '" + s + "'");
        }
    }

    /** The forced mode, or null for AUTO. */
    SharingMode forced() {
        return switch (this) {
            case AUTO -> null;
            case MESSAGES -> SharingMode.MESSAGES;
            case SHARED -> SharingMode.SHARED;
        };
    }
}
