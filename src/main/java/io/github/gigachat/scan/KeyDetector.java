package io.github.gigachat.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds GigaChat credentials in the text of one file: Authorization Keys (Base64 of {@code UUID:secret}, also
 * JSON-escaped, URL-encoded or Base64-encoded once more) and client id + secret pairs. Lines with
 * {@code gigachat:allow} are skipped. Most text is rejected by a cheap pass before anything is decoded.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyDetector {
    private static final Comparator<KeyFinding> BY_POSITION = Comparator.comparingInt(KeyFinding::line)
            .thenComparingInt(KeyFinding::column)
            .thenComparing(KeyFinding::kind);

    /** The findings in the text, in order of position; each place and key at most once. */
    public List<KeyFinding> detect(CharSequence content) {
        return detect(content.toString(), false);
    }

    /**
     * The findings in UTF-8 bytes, read without decoding them: keys and the names around them are ASCII, which UTF-8
     * keeps byte for byte, so the bytes are scanned one char per byte (a compact Latin-1 string, a plain copy) and
     * columns count the bytes that start a character. Bytes that are not valid UTF-8 count as one character each.
     */
    public List<KeyFinding> detectUtf8(byte[] content) {
        return detect(new String(content, StandardCharsets.ISO_8859_1), true);
    }

    private List<KeyFinding> detect(String text, boolean utf8Bytes) {
        Set<KeyFinding> findings = new LinkedHashSet<>();
        LineIndex[] lines = {null};
        AuthorizationKeys.scan(text, (offset, key) -> {
            if (lines[0] == null) {
                lines[0] = new LineIndex(text, utf8Bytes);
            }
            add(findings, lines[0], KeyKind.AUTHORIZATION_KEY, offset, key);
        });
        if (CredentialPairs.mentionsSecret(text)) {
            LineIndex index = lines[0] != null ? lines[0] : new LineIndex(text, utf8Bytes);
            CredentialPairs.scan(
                    text, index, (offset, key) -> add(findings, index, KeyKind.CLIENT_CREDENTIALS, offset, key));
        }
        List<KeyFinding> sorted = new ArrayList<>(findings);
        sorted.sort(BY_POSITION);
        return List.copyOf(sorted);
    }

    private static void add(Set<KeyFinding> findings, LineIndex lines, KeyKind kind, int offset, String key) {
        int line = lines.line(offset);
        if (!lines.allowed(line)) {
            findings.add(new KeyFinding(kind, line, lines.column(offset), key));
        }
    }
}
