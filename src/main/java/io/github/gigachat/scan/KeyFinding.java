package io.github.gigachat.scan;

import io.github.gigachat.io.Hashes;
import java.util.Objects;

/**
 * One credential at one place in one text. It holds the key for the live check, but its {@link #toString()},
 * like every report, shows only the location and the fingerprint.
 */
public final class KeyFinding {
    private final KeyKind kind;
    private final int line;
    private final int column;
    private final String authorizationKey;
    private final String fingerprint;

    KeyFinding(KeyKind kind, int line, int column, String authorizationKey) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.line = line;
        this.column = column;
        this.authorizationKey = Objects.requireNonNull(authorizationKey, "authorizationKey");
        this.fingerprint = fingerprintOf(authorizationKey);
    }

    /** {@code sha256:} and the first 12 hex digits of the SHA-256 of the key in standard padded Base64. */
    public static String fingerprintOf(String standardBase64Key) {
        return "sha256:" + Hashes.sha256Hex(standardBase64Key).substring(0, 12);
    }

    public KeyKind kind() {
        return kind;
    }

    /** 1-based line. */
    public int line() {
        return line;
    }

    /** 1-based column, in characters (code points). */
    public int column() {
        return column;
    }

    /** The key in standard padded Base64 (for a pair, the key it composes): for the live check only, never log it. */
    public String authorizationKey() {
        return authorizationKey;
    }

    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyFinding other
                && kind == other.kind
                && line == other.line
                && column == other.column
                && authorizationKey.equals(other.authorizationKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, line, column, authorizationKey);
    }

    @Override
    public String toString() {
        return "KeyFinding[kind=" + kind + ", line=" + line + ", column=" + column + ", fingerprint=" + fingerprint
                + "]";
    }
}
