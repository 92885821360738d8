package io.github.gigachat.scan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.scan.KeyDetector;
import io.github.gigachat.scan.KeyFinding;
import io.github.gigachat.scan.KeyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanTreeTest {
    private static final int FILES = 400;
    private static final long BYTES = 2_000_000;

    @TempDir
    Path dir;

    @Test
    void writesExactlyTheFilesAndBytesAskedFor() throws IOException {
        ScanTree.Summary summary = ScanTree.write(dir, FILES, BYTES, 7);

        Map<String, byte[]> files = read(dir);
        assertThat(files).hasSize(FILES);
        assertThat(files.values().stream().mapToLong(b -> b.length).sum()).isEqualTo(BYTES);
        assertThat(summary.files()).isEqualTo(FILES);
        assertThat(summary.bytes()).isEqualTo(BYTES);
        assertThat(files.keySet())
                .extracting(p -> p.substring(p.lastIndexOf('.') + 1))
                .contains("java", "xml", "properties", "yaml", "json", "md", "env");
    }

    @Test
    void theSameSeedWritesTheSameTreeAndAnotherSeedAnotherOne(@TempDir Path again, @TempDir Path other)
            throws IOException {
        ScanTree.write(dir, FILES, BYTES, 7);
        ScanTree.write(again, FILES, BYTES, 7);
        ScanTree.write(other, FILES, BYTES, 8);

        assertThat(contents(again)).isEqualTo(contents(dir));
        assertThat(contents(other).keySet()).isNotEqualTo(contents(dir).keySet());
    }

    @Test
    void theDetectorFindsEveryPlantedDemoKeyAndNothingElse() throws IOException {
        ScanTree.Summary summary = ScanTree.write(dir, FILES, BYTES, 7);

        List<String> found = new ArrayList<>();
        KeyDetector detector = new KeyDetector();
        read(dir).forEach((path, content) -> {
            for (KeyFinding f : detector.detect(new String(content, StandardCharsets.UTF_8))) {
                found.add(path + ":" + f.line() + " " + f.kind() + " " + f.fingerprint());
            }
        });

        assertThat(found)
                .containsExactlyInAnyOrderElementsOf(summary.planted().stream()
                        .map(k -> k.path() + ":" + k.line() + " " + k.kind() + " " + k.fingerprint())
                        .toList());
        assertThat(summary.planted()).hasSize(Plant.all().size());
        assertThat(summary.planted())
                .extracting(PlantedKey::fingerprint)
                .containsOnly(demoFingerprints())
                .contains(demoFingerprints());
        assertThat(summary.planted()).extracting(PlantedKey::kind).contains(KeyKind.values());
    }

    @Test
    void likeARealProjectFewFilesSpeakOfSecrets() throws IOException {
        ScanTree.Summary summary = ScanTree.write(dir, FILES, BYTES, 7);

        long speaking = read(dir).values().stream()
                .filter(b -> new String(b, StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT)
                        .contains("secret"))
                .count();
        // the planted files, and about CREDENTIAL_FILES_PERCENT of the others
        assertThat(speaking)
                .isBetween(summary.planted().size() + 4L, summary.planted().size() + FILES / 10L);
    }

    @Test
    void refusesADirectoryThatIsNotEmpty() throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> ScanTree.write(dir, FILES, BYTES, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not empty");
        assertThat(read(dir)).containsOnlyKeys("keep.txt");
    }

    @Test
    void refusesSizesThatCannotHoldTheFiles() {
        assertThatThrownBy(() -> ScanTree.write(dir, FILES, FILES * 100L, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes");
    }

    static String[] demoFingerprints() {
        return Stream.of(
                        EmulatorAccount.DEMO_PERS_PAID,
                        EmulatorAccount.DEMO_B2B_PAID,
                        EmulatorAccount.DEMO_CORP_POSTPAID,
                        EmulatorAccount.DEMO_PERS_UNPAID)
                .map(a -> KeyFinding.fingerprintOf(a.authorizationKey()))
                .toArray(String[]::new);
    }

    /** Path to content, comparable with equals. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        read(root).forEach((path, bytes) -> contents.put(path, new String(bytes, StandardCharsets.ISO_8859_1)));
        return contents;
    }

    private static Map<String, byte[]> read(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
