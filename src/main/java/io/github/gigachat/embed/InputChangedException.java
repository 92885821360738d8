package io.github.gigachat.embed;

import java.io.IOException;

/** An input file changed (or vanished) while a run was reading it in several passes. */
public final class InputChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String relativePath;

    public InputChangedException(String relativePath, String what, Throwable cause) {
        super(
                relativePath + " changed while the embeddings were being built: " + what + ". Run the build again once"
                        + " nothing writes to the inputs any more.",
                cause);
        this.relativePath = relativePath;
    }

    /** The file, relative to the project. */
    public String relativePath() {
        return relativePath;
    }
}
