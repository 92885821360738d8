package io.github.gigachat.embed;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A text resource to embed: where it is, its path relative to the project ({@code /} separators, as it appears in the
 * outputs), and its content, decoded as UTF-8.
 */
public record TextFile(Path path, String relativePath, String text) {
    public TextFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "TextFile[" + relativePath + ", " + text.length() + " chars]";
    }
}
