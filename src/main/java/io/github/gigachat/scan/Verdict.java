package io.github.gigachat.scan;

import io.github.gigachat.client.Scope;
import java.util.Objects;

/**
 * What is known about one distinct key.
 *
 * @param scope the key's scope, only for {@link KeyStatus#ACTIVE}
 * @param detail why, in a sentence a user reads; never a secret
 */
public record Verdict(KeyStatus status, Scope scope, String detail) {
    public Verdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if ((status == KeyStatus.ACTIVE) != (scope != null)) {
            throw new IllegalArgumentException("a scope belongs to ACTIVE keys only");
        }
    }
}
