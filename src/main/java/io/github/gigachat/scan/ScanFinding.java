package io.github.gigachat.scan;

import io.github.gigachat.client.Scope;
import java.util.List;
import java.util.Objects;

/**
 * One distinct key, wherever it was found, and what is known about it. Holds no key: only its fingerprint.
 *
 * @param fingerprint {@code sha256:} + 12 hex digits of the key in standard padded Base64
 * @param kind how it was written (the first location's kind when written both ways)
 * @param status what the live check proved
 * @param scope the key's scope when {@link KeyStatus#ACTIVE}, else null
 * @param detail why this status, in a sentence (e.g. "OAuth code 6: unknown or revoked"); never a secret
 * @param baselined listed in the baseline
 * @param failing fails the build (status in failOn, and not baselined unless ACTIVE)
 * @param locations every place, sorted by path, commit, line, column
 */
public record ScanFinding(
        String fingerprint,
        KeyKind kind,
        KeyStatus status,
        Scope scope,
        String detail,
        boolean baselined,
        boolean failing,
        List<Location> locations) {
    public ScanFinding {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        locations = List.copyOf(locations);
    }
}
