package io.github.gigachat.embed;

import io.github.gigachat.io.Hashes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A text file selected as input, as it was when scanned: where it is, its path relative to the project ({@code /}
 * separators, as it appears in the outputs), its size and the SHA-256 of its bytes. Its text is not kept: every pass of
 * a run {@link #read()}s it again, which fails if the file changed meanwhile, so that memory is bounded by the largest
 * file rather than by all of them.
 */
public record InputFile(Path path, String relativePath, long size, String sha256) {
    public InputFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(sha256, "sha256");
    }

    /**
     * Reads the file again and decodes it.
     *
     * @throws InputChangedException if its bytes are no longer those scanned
     */
    public TextFile read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InputChangedException(relativePath, "it cannot be read any more (" + e + ")", e);
        }
        if (bytes.length != size || !sha256.equals(hash(bytes))) {
            throw new InputChangedException(relativePath, "its content is not what was read at the start", null);
        }
        String text = decode(bytes);
        if (text == null) {
            throw new InputChangedException(relativePath, "it is no longer valid UTF-8", null);
        }
        return new TextFile(path, relativePath, text);
    }

    /** Lowercase hex SHA-256 of the bytes. */
    static String hash(byte[] bytes) {
        return HexFormat.of().formatHex(Hashes.sha256().digest(bytes));
    }

    /** The bytes as UTF-8 text without a leading byte order mark, or null if they are not valid UTF-8. */
    static String decode(byte[] bytes) {
        return decode(bytes, new int[1]);
    }

    /** As {@link #decode(byte[])}; on failure {@code errorOffset[0]} is the offset of the first bad byte. */
    static String decode(byte[] bytes, int[] errorOffset) {
        int offset =
                bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                        ? 3
                        : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length - offset);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            errorOffset[0] = in.position();
            return null;
        }
        out.flip();
        return out.toString();
    }
}
