package io.github.gigachat.scan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Opens {@code .jar}, {@code .zip} and {@code .war} files one level deep: each entry is offered as a text of its own
 * (an archive inside is scanned as bytes, not opened). Entries larger than the limit are skipped; so is the rest of an
 * archive whose entries together unpack to more than {@value #TOTAL_FACTOR} times the limit (a zip bomb).
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
        long total = 0;
        long totalLimit = limit * TOTAL_FACTOR;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            boolean any = false;
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                any = true;
                if (entry.isDirectory()) {
                    continue;
                }
                Origin origin = archive.entry(entry.getName());
                byte[] bytes = readAtMost(zip, limit);
                if (bytes == null) {
                    skipped.accept(tooLarge.apply(origin));
                    continue;
                }
                total += bytes.length;
                if (total > totalLimit) {
                    skipped.accept(new Skipped(
                            archive, "its entries unpack to more than " + totalLimit + " bytes; the rest not scanned"));
                    return;
                }
                entries.accept(origin, bytes);
            }
            if (!any) {
                skipped.accept(new Skipped(archive, "not a readable archive (no entries), not scanned"));
            }
        } catch (IOException | IllegalArgumentException e) {
            skipped.accept(new Skipped(archive, "broken archive, the rest not scanned: " + Scanner.describe(e)));
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
