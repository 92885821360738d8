package io.github.gigachat.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gigachat.client.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
    @TempDir
    Path dir;

    private static List<Hit> hits(String path, String text) {
        return new KeyDetector()
                .detect(text).stream()
                        .map(f -> new Hit(new Origin(path, null), f))
                        .toList();
    }

    @Test
    void writesFingerprintsSortedAndReadsThemBack() throws IOException {
        List<Hit> hits = new java.util.ArrayList<>(hits("b.properties", "k=" + ScanTestKeys.KEY));
        hits.addAll(hits("a.properties", "k=" + ScanTestKeys.OTHER_KEY));
        Map<String, Verdict> verdicts = Map.of(
                ScanTestKeys.KEY, new Verdict(KeyStatus.INACTIVE, null, "revoked"),
                ScanTestKeys.OTHER_KEY, new Verdict(KeyStatus.ACTIVE, Scope.PERS, "works"));
        List<ScanFinding> findings = Findings.of(hits, verdicts, Set.of(), KeyStatus.DEFAULT_FAIL_ON);
        Path file = dir.resolve(Baseline.DEFAULT_FILE);
        Baseline.write(file, findings);
        String text = Files.readString(file);
        assertThat(text)
                .doesNotContain(ScanTestKeys.KEY)
                .doesNotContain(ScanTestKeys.SECRET)
                .contains("\"path\" : \"a.properties\"");
        Set<String> read = Baseline.read(file);
        assertThat(read)
                .containsExactlyInAnyOrder(
                        KeyFinding.fingerprintOf(ScanTestKeys.KEY), KeyFinding.fingerprintOf(ScanTestKeys.OTHER_KEY));
        assertThat(text.indexOf(read.iterator().next())).isLessThan(text.lastIndexOf("sha256:"));
        Baseline.write(file, findings);
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void aBaselinedKeyFailsOnlyWhenActive() throws IOException {
        List<Hit> hits = new java.util.ArrayList<>(hits("b.properties", "k=" + ScanTestKeys.KEY));
        hits.addAll(hits("a.properties", "k=" + ScanTestKeys.OTHER_KEY));
        Map<String, Verdict> verdicts = Map.of(
                ScanTestKeys.KEY, new Verdict(KeyStatus.UNKNOWN, null, "timeout"),
                ScanTestKeys.OTHER_KEY, new Verdict(KeyStatus.ACTIVE, Scope.PERS, "works"));
        Set<String> baseline =
                Set.of(KeyFinding.fingerprintOf(ScanTestKeys.KEY), KeyFinding.fingerprintOf(ScanTestKeys.OTHER_KEY));
        List<ScanFinding> findings = Findings.of(hits, verdicts, baseline, KeyStatus.DEFAULT_FAIL_ON);
        assertThat(findings).allMatch(ScanFinding::baselined);
        assertThat(findings)
                .extracting(ScanFinding::status, ScanFinding::failing)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(KeyStatus.ACTIVE, true),
                        org.assertj.core.groups.Tuple.tuple(KeyStatus.UNKNOWN, false));
    }

    @Test
    void refusesAFileThatIsNotABaselineNamingIt() throws IOException {
        Path file = dir.resolve("b.json");
        for (String text : List.of("[1]", "{\"schemaVersion\":1}", "{\"findings\":[{\"fingerprint\":\"abc\"}]}", "{")) {
            Files.writeString(file, text);
            assertThatThrownBy(() -> Baseline.read(file))
                    .isInstanceOf(Baseline.InvalidBaselineException.class)
                    .hasMessageStartingWith(file + " is not a GigaChat scan baseline: ");
        }
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws IOException {
        Path file = dir.resolve("b.json");
        Files.writeString(
                file,
                "{\"note\":{\"x\":[1,2]},\"findings\":[{\"why\":\"test fixture\",\"fingerprint\":\"sha256:0123456789ab\"}]}");
        assertThat(Baseline.read(file)).containsExactly("sha256:0123456789ab");
    }
}
