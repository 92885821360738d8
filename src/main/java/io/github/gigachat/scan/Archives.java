package io.github.gigachat.scan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Opens {@code .jar}, {@code .zip} and {@code .war} files one level deep: each entry is offered as a text of its own
 * (an archive inside is scanned as bytes, not opened). Entries larger than the limit are skipped; so is the rest of an
 * archive whose entries together unpack to more than {@value #TOTAL_FACTOR} times the limit (a zip bomb). Entry names
 * that are not UTF-8 are read as ISO-8859-1; a file that holds no entries, or whose entries break off, is also scanned
 * as the bytes it is, so nothing named {@code .zip} can hide a key.
 */
final class Archives {
    static final int TOTAL_FACTOR = 100;

    private Archives() {}

    static boolean isArchive(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jar") || lower.endsWith(".zip") || lower.endsWith(".war");
    }

    static void forEachEntry(
            Origin archive,
            byte[] content,
            long limit,
            BiConsumer<Origin, byte[]> entries,
            Consumer<Skipped> skipped,
            Function<Origin, Skipped> tooLarge) {
        int delivered = 0;
        for (Charset names : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
            try {
                Result result = read(archive, content, limit, names, delivered, entries, skipped, tooLarge);
                if (result.entries == 0) {
                    // not an archive after all (or an empty one): its bytes are the text
                    entries.accept(archive, content);
                }
                return;
            } catch (NameException e) {
                // a name that is not UTF-8 (an old Windows zip): read again, names byte for byte, not entries twice
                delivered = e.delivered;
            } catch (IOException | RuntimeException e) {
                skipped.accept(new Skipped(
                        archive,
                        "broken archive: its entries from here on were not scanned (" + Scanner.describe(e)
                                + "); its raw bytes were"));
                entries.accept(archive, content);
                return;
            }
        }
    }

    private static Result read(
            Origin archive,
            byte[] content,
            long limit,
            Charset names,
            int alreadyDelivered,
            BiConsumer<Origin, byte[]> entries,
            Consumer<Skipped> skipped,
            Function<Origin, Skipped> tooLarge)
            throws IOException, NameException {
        long total = 0;
        long totalLimit = limit * TOTAL_FACTOR;
        Result result = new Result();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content), names)) {
            while (true) {
                ZipEntry entry;
                try {
                    entry = zip.getNextEntry();
                } catch (IllegalArgumentException e) {
                    if (names.equals(StandardCharsets.UTF_8)) {
                        throw new NameException(result.delivered);
                    }
                    throw e;
                }
                if (entry == null) {
                    return result;
                }
                result.entries++;
                if (entry.isDirectory()) {
                    continue;
                }
                Origin origin = archive.entry(entry.getName());
                byte[] bytes = readAtMost(zip, limit);
                result.delivered++;
                if (result.delivered <= alreadyDelivered) {
                    continue;
                }
                if (bytes == null) {
                    skipped.accept(tooLarge.apply(origin));
                    continue;
                }
                total += bytes.length;
                if (total > totalLimit) {
                    skipped.accept(new Skipped(
                            archive, "its entries unpack to more than " + totalLimit + " bytes; the rest not scanned"));
                    return result;
                }
                entries.accept(origin, bytes);
            }
        }
    }

    private static final class Result {
        int entries;
        int delivered;
    }

    /** An entry name that is not UTF-8; {@code delivered} entries were passed on before it. */
    private static final class NameException extends Exception {
        private static final long serialVersionUID = 1L;
        final int delivered;

        NameException(int delivered) {
            super(null, null, false, false);
            this.delivered = delivered;
        }
    }

    /** The entry's bytes, or null when it holds more than {@code limit} (the rest is not read). */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            count += read;
            if (count > limit) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
