package io.github.gigachat.scan;

import static io.github.gigachat.scan.ScanTestKeys.KEY;
import static io.github.gigachat.scan.ScanTestKeys.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ScannerTest {
    private static final long LIMIT = 1_000;

    private static ScanOutput scan(ContentSource... sources) throws IOException {
        return new Scanner(LIMIT, 2, "the.limit").scan(List.of(sources));
    }

    private static List<String> places(ScanOutput output) {
        return output.hits().stream().map(h -> h.location().toString()).toList();
    }

    @Test
    void findsKeysInEveryItemInAStableOrder() throws IOException {
        MemorySource source = new MemorySource();
        for (int i = 19; i >= 0; i--) {
            source.add("dir/file" + (char) ('a' + i) + ".properties", "x=1\nkey=" + (i % 2 == 0 ? KEY : OTHER_KEY));
        }
        ScanOutput output = scan(source);
        assertThat(output.files()).isEqualTo(20);
        assertThat(output.hits()).hasSize(20);
        assertThat(places(output)).isSorted().first().isEqualTo("dir/filea.properties:2:5");
        assertThat(source.reads).hasValue(20);
        assertThat(Findings.distinctKeys(output.hits())).containsExactly(KEY, OTHER_KEY);
    }

    @Test
    void oneThreadFindsTheSameInTheSameOrder() throws IOException {
        MemorySource source = new MemorySource();
        for (int i = 9; i >= 0; i--) {
            source.add("file" + i + ".properties", "x=1\nkey=" + (i % 2 == 0 ? KEY : OTHER_KEY));
        }
        ScanOutput one = new Scanner(LIMIT, 1, "the.limit").scan(List.of(source));
        assertThat(places(one)).isEqualTo(places(scan(source))).hasSize(10).isSorted();
    }

    @Test
    void scansItemsWhileTheSourceIsStillListing() throws IOException {
        CountDownLatch firstRead = new CountDownLatch(1);
        MemorySource first = new MemorySource().add("first.txt", "k=" + KEY);
        ContentSource waiting = (items, skipped) -> {
            first.list(
                    item -> items.accept(new ScanItem() {
                        @Override
                        public Origin origin() {
                            return item.origin();
                        }

                        @Override
                        public long size() {
                            return item.size();
                        }

                        @Override
                        public byte[] read(long limit) throws IOException {
                            firstRead.countDown();
                            return item.read(limit);
                        }
                    }),
                    skipped);
            try {
                // the first item is read by another thread while this listing waits (a bound only against a hang)
                assertThat(firstRead.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            new MemorySource().add("second.txt", "k=" + OTHER_KEY).list(items, skipped);
        };
        assertThat(places(scan(waiting))).containsExactly("first.txt:1:3", "second.txt:1:3");
    }

    @Test
    void aListingThatFailsFailsTheScan() {
        ContentSource broken = (items, skipped) -> {
            new MemorySource().add("a.txt", "k=" + KEY).list(items, skipped);
            throw new IOException("cannot list b/");
        };
        assertThatThrownBy(() -> scan(broken)).isInstanceOf(IOException.class).hasMessage("cannot list b/");
    }

    @Test
    void countsTheBytesItScanned() throws IOException {
        ScanOutput output = scan(new MemorySource().add("a.txt", "12345").add("b.txt", "123"));
        assertThat(output.bytes()).isEqualTo(8);
        assertThat(output.hits()).isEmpty();
    }

    @Test
    void skipsWhatIsLargerThanTheLimitByItsSizeWithoutReadingIt() throws IOException {
        MemorySource source =
                new MemorySource().add(Origin.file("big.txt"), KEY.getBytes(StandardCharsets.UTF_8), 5000);
        ScanOutput output = scan(source);
        assertThat(source.reads).hasValue(0);
        assertThat(output.hits()).isEmpty();
        assertThat(output.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .contains("1000 bytes", "the.limit"));
    }

    @Test
    void skipsWhatTurnsOutLargerThanTheLimitWhenRead() throws IOException {
        byte[] big = ("k=" + KEY + "\n").repeat(20).getBytes(StandardCharsets.UTF_8);
        ScanOutput output = scan(new MemorySource().add(Origin.file("blob"), big, -1));
        assertThat(output.hits()).isEmpty();
        assertThat(output.files()).isZero();
        assertThat(output.skipped())
                .singleElement()
                .satisfies(s -> assertThat(s.origin().path()).isEqualTo("blob"));
    }

    @Test
    void anUnreadableItemIsSkippedWithTheReasonAndTheRestIsScanned() throws IOException {
        ScanOutput output = scan(new MemorySource()
                .failing("locked.txt", new IOException("Permission denied"))
                .add("ok.txt", "k=" + KEY));
        assertThat(output.hits()).hasSize(1);
        assertThat(output.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .isEqualTo("cannot be read: Permission denied"));
    }

    @Test
    void passesOnWhatTheSourcesSkipped() throws IOException {
        ScanOutput output = scan(new MemorySource().skip("link", "outside"), new MemorySource().add("a", "b"));
        assertThat(output.skipped()).extracting(Skipped::reason).containsExactly("outside");
    }

    @Test
    void findsKeysInUtf16Files() throws IOException {
        byte[] utf16 = ("\uFEFFключ=" + KEY).getBytes(StandardCharsets.UTF_16LE);
        ScanOutput output = scan(new MemorySource().add(Origin.file("win.txt"), utf16));
        assertThat(places(output)).containsExactly("win.txt:1:6");
    }

    @Test
    void findsKeysInUtf16FilesWithoutAByteOrderMark() throws IOException {
        ScanOutput output = scan(new MemorySource()
                .add(Origin.file("le.txt"), ("key=" + KEY + "\r\n").getBytes(StandardCharsets.UTF_16LE))
                .add(Origin.file("be.txt"), ("k=" + OTHER_KEY).getBytes(StandardCharsets.UTF_16BE)));
        assertThat(places(output)).containsExactly("be.txt:1:3", "le.txt:1:5");
    }

    @Test
    void aBinaryFileThatStartsLikeAByteOrderMarkIsStillReadByteForByte() throws IOException {
        byte[] content =
                concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 7, 0}, ("=" + KEY).getBytes(StandardCharsets.US_ASCII));
        assertThat(scan(new MemorySource().add(Origin.file("blob.bin"), content))
                        .hits())
                .hasSize(1);
    }

    @Test
    void findsKeysInBinaryContentAndAfterInvalidUtf8() throws IOException {
        byte[] key = KEY.getBytes(StandardCharsets.US_ASCII);
        byte[] classFile = concat(new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 0, 0, 61, 1, 0, (byte) key.length}, key);
        byte[] cp1251 = concat(new byte[] {(byte) 0xEA, (byte) 0xEB, (byte) 0xFE, (byte) 0xF7, '='}, key);
        ScanOutput output = scan(new MemorySource()
                .add(Origin.file("A.class"), classFile)
                .add(Origin.file("cp1251.properties"), cp1251));
        assertThat(places(output)).containsExactly("A.class:1:10", "cp1251.properties:1:6");
    }

    @Test
    void opensArchivesOneLevelDeep() throws IOException {
        byte[] inner = zip("deep.properties", "k=" + KEY);
        byte[] jar = zip(
                "BOOT-INF/classes/application.properties",
                "x=1\ngigachat.credentials=" + KEY,
                "lib/inner.jar",
                inner,
                "README.txt",
                "nothing here");
        ScanOutput output = scan(new MemorySource().add(new Origin("libs/app.jar", "abc123"), jar));
        assertThat(output.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.origin().path()).isEqualTo("libs/app.jar!/BOOT-INF/classes/application.properties");
            assertThat(hit.origin().commit()).isEqualTo("abc123");
            assertThat(hit.finding().line()).isEqualTo(2);
        });
        assertThat(output.files()).isEqualTo(3);
    }

    @Test
    void skipsArchiveEntriesLargerThanTheLimit() throws IOException {
        byte[] jar = zip("big.txt", "x".repeat(2000), "small.txt", "k=" + KEY);
        ScanOutput output = scan(new MemorySource().add(Origin.file("a.zip"), jar));
        assertThat(output.hits()).hasSize(1);
        assertThat(output.skipped())
                .singleElement()
                .satisfies(s -> assertThat(s.origin().path()).isEqualTo("a.zip!/big.txt"));
    }

    @Test
    void stopsAtAnArchiveThatUnpacksToFarMoreThanTheLimit() throws IOException {
        Object[] entries = new Object[2 * 150];
        for (int i = 0; i < 150; i++) {
            entries[2 * i] = "part" + i + ".txt";
            entries[2 * i + 1] = "y".repeat(900);
        }
        // the archive itself may be as large as the limit; its entries must not unpack to 100 times that
        List<String> scanned = new java.util.ArrayList<>();
        List<Skipped> skipped = new java.util.ArrayList<>();
        Archives.forEachEntry(
                Origin.file("bomb.zip"),
                zip(entries),
                LIMIT,
                (origin, bytes) -> scanned.add(origin.path()),
                skipped::add,
                origin -> new Skipped(origin, "too large"));
        assertThat(scanned).hasSize(111).endsWith("bomb.zip!/part110.txt");
        assertThat(skipped).singleElement().satisfies(s -> assertThat(s.reason())
                .contains("more than 100000 bytes"));
    }

    @Test
    void readsEntryNamesThatAreNotUtf8WithoutMissingOrRepeatingEntries() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, java.nio.charset.Charset.forName("windows-1251"))) {
            for (String[] entry : new String[][] {
                {"a.txt", "k=" + KEY}, {"конфиг.properties", "k=" + OTHER_KEY}, {"z.properties", "k=" + KEY}
            }) {
                zip.putNextEntry(new ZipEntry(entry[0]));
                zip.write(entry[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        ScanOutput output = scan(new MemorySource().add(Origin.file("old.zip"), bytes.toByteArray()));
        assertThat(output.hits()).hasSize(3);
        assertThat(output.files()).isEqualTo(3);
        assertThat(Findings.distinctKeys(output.hits())).containsExactlyInAnyOrder(KEY, OTHER_KEY);
        assertThat(output.skipped()).isEmpty();
    }

    @Test
    void aFileNamedLikeAnArchiveThatIsNotOneIsScannedAsText() throws IOException {
        ScanOutput output = scan(new MemorySource().add("notes.zip", "not a zip\nk=" + KEY));
        assertThat(places(output)).containsExactly("notes.zip:2:3");
    }

    @Test
    void aBrokenArchiveIsSkippedWithAWarning() throws IOException {
        byte[] whole = zip("first.txt", "k=" + OTHER_KEY, "second.txt", "padding ".repeat(60));
        byte[] broken = java.util.Arrays.copyOf(whole, whole.length - 150); // cut inside the second entry
        ScanOutput output =
                scan(new MemorySource().add(Origin.file("broken.war"), broken).add("ok.txt", "k=" + KEY));
        assertThat(Findings.distinctKeys(output.hits())).containsExactlyInAnyOrder(KEY, OTHER_KEY);
        assertThat(output.skipped())
                .singleElement()
                .satisfies(s -> assertThat(s.origin().path()).isEqualTo("broken.war"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A zip of name, content pairs; content is a String or a byte[]. */
    static byte[] zip(Object... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                Object content = namesAndContents[i + 1];
                zip.write(content instanceof byte[] raw ? raw : ((String) content).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
