package io.github.gigachat.scan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.scan.KeyDetector;
import io.github.gigachat.scan.KeyFinding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScanHistoryTest {
    private static final int COMMITS = 120;
    private static final int FILES = 60;
    private static final long BYTES = 300_000;

    /** One {@code M} (a blob at a path) or {@code D} (a deletion) of one commit. */
    private record Change(int commit, String path, byte[] content) {}

    @Test
    void writesTheCommitsAndBlobsItReports() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScanHistory.Summary summary = ScanHistory.write(out, COMMITS, FILES, BYTES, 3);

        List<Change> changes = parse(out.toByteArray());
        List<Change> blobs = changes.stream().filter(c -> c.content != null).toList();
        assertThat(changes.stream().map(Change::commit).distinct()).containsExactlyElementsOf(commitNumbers());
        assertThat(summary.commits()).isEqualTo(COMMITS);
        assertThat(blobs).hasSize(summary.blobs());
        assertThat(blobs.stream().mapToLong(c -> c.content.length).sum()).isEqualTo(summary.blobBytes());
        assertThat(blobs.stream().filter(c -> c.commit == 1)).hasSize(FILES);
        assertThat(replay(changes)).hasSize(summary.filesAtHead());
    }

    @Test
    void theSameSeedWritesTheSameStream() throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        ScanHistory.write(first, COMMITS, FILES, BYTES, 3);
        ScanHistory.write(second, COMMITS, FILES, BYTES, 3);

        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
    }

    @Test
    void thePlantedKeysAreInTheBlobsThatAddThemAndGoneFromTheLastTree() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScanHistory.Summary summary = ScanHistory.write(out, COMMITS, FILES, BYTES, 3);
        List<Change> changes = parse(out.toByteArray());
        KeyDetector detector = new KeyDetector();

        List<String> inHistory = new ArrayList<>();
        for (Change change : changes) {
            if (change.content != null) {
                for (KeyFinding f : detector.detect(new String(change.content, StandardCharsets.UTF_8))) {
                    inHistory.add(change.commit + " " + change.path + ":" + f.line() + " " + f.fingerprint());
                }
            }
        }
        List<String> atHead = new ArrayList<>();
        replay(changes).forEach((path, content) -> detector.detect(new String(content, StandardCharsets.UTF_8))
                .forEach(f -> atHead.add(path)));

        assertThat(inHistory)
                .containsExactlyInAnyOrderElementsOf(summary.planted().stream()
                        .map(k -> k.commit() + " " + k.path() + ":" + k.line() + " " + k.fingerprint())
                        .toList());
        assertThat(summary.planted()).hasSize(ScanHistory.plants().size());
        assertThat(atHead).isEmpty();
        String ownFile = summary.planted().get(summary.planted().size() - 1).path();
        assertThat(changes).anyMatch(c -> c.path.equals(ownFile) && c.content == null);
    }

    private static List<Integer> commitNumbers() {
        return IntStream.rangeClosed(1, COMMITS).boxed().toList();
    }

    /** The tree after every change: path to content. */
    private static Map<String, byte[]> replay(List<Change> changes) {
        Map<String, byte[]> tree = new LinkedHashMap<>();
        for (Change change : changes) {
            if (change.content == null) {
                assertThat(tree.remove(change.path))
                        .as("deleted %s", change.path)
                        .isNotNull();
            } else {
                tree.put(change.path, change.content);
            }
        }
        return tree;
    }

    /**
     * The changes of the stream, read the way {@code git fast-import} reads it: commands are lines, and {@code data
     * <n>} is followed by exactly n bytes (and an optional newline).
     */
    private static List<Change> parse(byte[] stream) {
        List<Change> changes = new ArrayList<>();
        int pos = 0;
        int commit = 0;
        String pendingPath = null;
        while (pos < stream.length) {
            int eol = indexOf(stream, (byte) '\n', pos);
            String line = new String(stream, pos, eol - pos, StandardCharsets.UTF_8);
            pos = eol + 1;
            if (line.startsWith("commit ")) {
                assertThat(line).isEqualTo("commit " + ScanHistory.BRANCH);
                commit++;
            } else if (line.startsWith("mark :")) {
                assertThat(Integer.parseInt(line.substring(6))).isEqualTo(commit);
            } else if (line.startsWith("M 100644 inline ")) {
                pendingPath = line.substring("M 100644 inline ".length());
            } else if (line.startsWith("D ")) {
                changes.add(new Change(commit, line.substring(2), null));
            } else if (line.startsWith("data ")) {
                int length = Integer.parseInt(line.substring(5));
                if (pendingPath != null) {
                    changes.add(new Change(commit, pendingPath, Arrays.copyOfRange(stream, pos, pos + length)));
                    pendingPath = null;
                }
                pos += length;
                if (pos < stream.length && stream[pos] == '\n') {
                    pos++;
                }
            }
        }
        return changes;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }
}
