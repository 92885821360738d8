package io.github.gigachat.embed;

import java.util.List;
import java.util.Objects;

/**
 * One piece of a text file, the unit that is embedded. Its identity is stable: the source path, its index in the file,
 * the character offsets of {@code text} in the file ({@code [start, end)} in UTF-16 units, so that
 * {@code file.text().substring(start, end)} is the text, unless overlap was prepended, see below) and the SHA-256 of
 * {@code text}.
 *
 * @param source the file's path relative to the project, {@code /} separators
 * @param index 0-based position of the chunk in its file
 * @param start offset of the chunk's first character in the file, overlap included
 * @param end offset after the chunk's last character
 * @param sha256 lowercase hex SHA-256 of {@code text} in UTF-8
 * @param text what is embedded; equal to {@code file.text().substring(start, end)}
 * @param headings the Markdown heading path the chunk sits under, outermost first (empty for plain text)
 */
public record Chunk(String source, int index, int start, int end, String sha256, String text, List<String> headings) {
    public Chunk {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(text, "text");
        headings = List.copyOf(headings);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad offsets [" + start + ", " + end + ")");
        }
    }

    @Override
    public String toString() {
        return "Chunk[" + source + "#" + index + " [" + start + "," + end + ") " + sha256.substring(0, 12) + "]";
    }
}
