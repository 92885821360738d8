package io.github.gigachat.scan;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What the live check proved about one distinct key. */
public enum KeyStatus {
    /** A token was issued: the key works. */
    ACTIVE,
    /** The server says the key is unknown or revoked. */
    INACTIVE,
    /** The check could not finish or got an answer that proves nothing. */
    UNKNOWN,
    /** Not checked ({@code gigachat.scan.verify=false} or offline). */
    UNVERIFIED,
    /** One of the built-in emulator's public demo keys. */
    DEMO;

    /** The statuses that fail the build unless configured otherwise. */
    public static final Set<KeyStatus> DEFAULT_FAIL_ON = Set.copyOf(EnumSet.of(ACTIVE, UNKNOWN, UNVERIFIED));

    public static Optional<KeyStatus> parse(String text) {
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
