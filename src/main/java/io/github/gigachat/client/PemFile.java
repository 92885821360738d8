package io.github.gigachat.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The blocks of a PEM file (label, RFC 1421 headers such as {@code DEK-Info}, decoded body), or its raw DER. */
final class PemFile {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /** One {@code -----BEGIN label-----} block. */
    record Block(String label, Map<String, String> headers, byte[] der) {}

    final Path file;
    final byte[] content;
    final List<Block> blocks;

    private PemFile(Path file, byte[] content, List<Block> blocks) {
        this.file = file;
        this.content = content;
        this.blocks = blocks;
    }

    /**
     * Reads {@code file}; {@code role} ("client certificate", "private key") and {@code variable} (the setting that
     * names it) go into the message of a missing or unreadable file.
     */
    static PemFile read(Path file, String role, String variable) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateFileException(
                    "The " + role + " file " + file + " does not exist. Point " + variable + " at an existing file.");
        } catch (AccessDeniedException e) {
            throw new CertificateFileException("The " + role + " file " + file
                    + " cannot be read: permission denied. Make it readable by the user running the build.");
        } catch (IOException e) {
            throw new CertificateFileException(
                    "The " + role + " file " + file + " cannot be read ("
                            + e.getClass().getSimpleName() + "). Point " + variable + " at a readable file.",
                    e);
        }
        return new PemFile(file, content, parse(file, content));
    }

    /** True when the file holds no PEM block but starts like DER (an ASN.1 SEQUENCE). */
    boolean isDer() {
        return blocks.isEmpty() && content.length > 1 && (content[0] & 0xFF) == Der.SEQUENCE;
    }

    /** The blocks whose label is one of {@code labels}, in file order. */
    List<Block> blocks(String... labels) {
        List<Block> matching = new ArrayList<>();
        for (Block block : blocks) {
            for (String label : labels) {
                if (block.label.equals(label)) {
                    matching.add(block);
                }
            }
        }
        return matching;
    }

    private static List<Block> parse(Path file, byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String label = matcher.group(1);
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder base64 = new StringBuilder();
            for (String line : matcher.group(2).split("\r?\n|\r")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            line.substring(0, colon).trim(),
                            line.substring(colon + 1).trim());
                } else {
                    base64.append(line.trim());
                }
            }
            try {
                blocks.add(new Block(label, headers, Base64.getMimeDecoder().decode(base64.toString())));
            } catch (IllegalArgumentException e) {
                throw new CertificateFileException("The " + label + " block in " + file
                        + " is not valid base64: the file is damaged. Export it again.");
            }
        }
        return blocks;
    }
}
