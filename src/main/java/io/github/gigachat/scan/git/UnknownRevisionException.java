package io.github.gigachat.scan.git;

import java.util.Objects;

/** A revision (branch, tag, commit id, {@code HEAD~3}) that the repository cannot resolve to a commit. */
public final class UnknownRevisionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String revision;

    public UnknownRevisionException(String revision, Throwable cause) {
        super("unknown revision: " + revision, cause);
        this.revision = Objects.requireNonNull(revision, "revision");
    }

    /** The revision as it was given. */
    public String revision() {
        return revision;
    }
}
