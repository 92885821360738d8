package io.github.gigachat.maven;

import static io.github.gigachat.scan.report.ScanFixtures.assertOnlyGivenFingerprints;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.client.Scope;
import io.github.gigachat.maven.ScanSummary.Level;
import io.github.gigachat.maven.ScanSummary.Line;
import io.github.gigachat.scan.KeyKind;
import io.github.gigachat.scan.KeyStatus;
import io.github.gigachat.scan.Origin;
import io.github.gigachat.scan.ScanFinding;
import io.github.gigachat.scan.ScanResult;
import io.github.gigachat.scan.Skipped;
import io.github.gigachat.scan.report.ScanFixtures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The build log's summary of a scan: headline, a block per key, what to do per status, what was skipped, why it fails. */
class ScanSummaryTest {

    @Test
    void everyStatusReadsLikeThis() {
        List<Line> lines = lines(ScanFixtures.everyStatus());

        assertThat(render(lines))
                .isEqualTo(
                        """
                [ERROR] GigaChat scan: 5 distinct keys in 1,234 files (5.4 MiB, with the git history since origin/main) in 812 ms: 1 ACTIVE, 1 INACTIVE, 1 UNKNOWN, 1 UNVERIFIED, 1 DEMO.
                [ERROR] [ACTIVE] sha256:aaaaaaaaaaa1 authorization-key (GIGACHAT_API_PERS) at src/main/resources/application.properties:3:17
                [ERROR]     also at deploy/k8s secret.yaml:12:9
                [ERROR] [UNKNOWN] sha256:ccccccccccc3 authorization-key at docs/setup.md:40:5
                [ERROR]     why: HTTP 503 from the OAuth endpoint
                [ERROR] [UNVERIFIED] sha256:ddddddddddd4 client-credentials at конфиг/.env:2:1
                [ERROR]     why: not checked: offline
                [WARN] [INACTIVE] sha256:bbbbbbbbbbb2 client-credentials at lib/legacy.jar!/config/app.properties:4:3 (baselined)
                [WARN]     also at old/secrets.yaml:2:15 (commit 0123456789ab)
                [WARN] [DEMO] sha256:eeeeeeeeeee5 authorization-key at src/test/resources/emulator.properties:1:20
                [ERROR] ACTIVE: the key works, and anyone with the repository can spend on it. Rotate it now in the Sber developer studio (https://developers.sber.ru/studio), then remove it from the git history (e.g. with git filter-repo): rotate first, the history has already been shared.
                [WARN] INACTIVE: the key is no longer accepted (unknown or revoked). Remove it from the repository anyway, or accept it in the baseline.
                [ERROR] UNKNOWN: the key could not be checked to the end. Run the scan again online, or rotate the key in the Sber developer studio (https://developers.sber.ru/studio) to be safe.
                [ERROR] UNVERIFIED: the key was not checked (the reason is given with the key). Run the scan again online to learn whether the key works.
                [WARN] DEMO: the key is a public demo key of the built-in GigaChat emulator. Nothing to rotate: it grants nothing outside the emulator.
                [WARN] Not scanned (2):
                [WARN]     assets/video.mp4: larger than 10485760 bytes
                [WARN]     dump.bin (commit 0123456789ab): binary
                [ERROR] The build fails on ACTIVE, UNKNOWN, UNVERIFIED keys (gigachat.scan.failOn=ACTIVE,UNKNOWN,UNVERIFIED). To accept keys that do not work, run once with -Dgigachat.scan.writeBaseline=true: it writes the baseline .gigachat-scan-baseline.json to commit. An ACTIVE key is never silenced: rotate it.
                """);
    }

    @Test
    void aCleanScanIsOneInfoLine() {
        List<Line> lines = lines(ScanFixtures.clean());

        assertThat(lines)
                .containsExactly(
                        new Line(Level.INFO, "GigaChat scan: no GigaChat key found in 42 files (4.0 KiB) in 35 ms."));
    }

    @Test
    void anErrorIsOneErrorLine() {
        assertThat(lines(ScanFixtures.error()))
                .containsExactly(new Line(
                        Level.ERROR,
                        "GigaChat scan could not run: gigachat.scan.since names 'origin/nope', which is not a ref of"
                                + " the repository"));
    }

    @ParameterizedTest(name = "{0}, failing={1}: block {2}, advice {3}")
    @CsvSource({
        "ACTIVE,     true,  ERROR, 'ACTIVE: the key works, and anyone with the repository can spend on it. Rotate it now'",
        "ACTIVE,     false, WARN,  'ACTIVE: the key works'",
        "INACTIVE,   true,  WARN,  'INACTIVE: the key is no longer accepted (unknown or revoked). Remove it from the"
                + " repository anyway, or accept it in the baseline.'",
        "INACTIVE,   false, WARN,  'INACTIVE: the key is no longer accepted'",
        "UNKNOWN,    true,  ERROR, 'UNKNOWN: the key could not be checked to the end. Run the scan again online, or"
                + " rotate the key'",
        "UNKNOWN,    false, WARN,  'UNKNOWN: the key could not be checked'",
        "UNVERIFIED, true,  ERROR, 'UNVERIFIED: the key was not checked (the reason is given with the key). Run the"
                + " scan again online'",
        "UNVERIFIED, false, WARN,  'UNVERIFIED: the key was not checked'",
        "DEMO,       true,  WARN,  'DEMO: the key is a public demo key of the built-in GigaChat emulator.'",
        "DEMO,       false, WARN,  'DEMO: the key is a public demo key'",
    })
    void eachStatusHasItsLevelAndOneLineOfAdvice(KeyStatus status, boolean failing, Level level, String advice) {
        ScanFinding finding = ScanFixtures.finding(ScanFixtures.ACTIVE, status, failing, ScanFixtures.places(1));
        List<Line> lines = lines(onlyFinding(finding, EnumSet.of(status)));

        Line block = lines.get(1);
        assertThat(block.text())
                .isEqualTo("[" + status + "] " + ScanFixtures.ACTIVE + " authorization-key at a/f1.properties:1:1");
        assertThat(block.level()).isEqualTo(level);
        List<Line> advices = lines.stream()
                .filter(line -> line.text().startsWith(status + ": "))
                .toList();
        assertThat(advices).hasSize(1);
        assertThat(advices.get(0).level()).isEqualTo(level);
        assertThat(advices.get(0).text()).startsWith(advice);
        assertThat(lines.get(0).level()).isEqualTo(failing ? Level.ERROR : Level.WARN);
        assertThat(lines.get(lines.size() - 1).text().startsWith("The build fails on " + status + " keys"))
                .isEqualTo(failing);
    }

    @Test
    void manyKeysOfOneStatusGetOneLineOfAdvice() {
        ScanResult result = ScanFixtures.result(List.of(
                ScanFixtures.finding(ScanFixtures.INACTIVE, KeyStatus.INACTIVE, false, ScanFixtures.places(1)),
                ScanFixtures.finding(ScanFixtures.DEMO, KeyStatus.INACTIVE, false, ScanFixtures.places(2))));

        List<String> texts = lines(result).stream().map(Line::text).toList();

        assertThat(texts).filteredOn(text -> text.startsWith("INACTIVE: ")).hasSize(1);
        assertThat(texts).filteredOn(text -> text.startsWith("[INACTIVE] ")).hasSize(2);
        assertThat(texts.get(0)).endsWith(": 2 INACTIVE.");
        assertThat(texts).noneMatch(text -> text.startsWith("The build fails"));
    }

    @Test
    void aKeyInManyPlacesListsFiveThenCountsTheRest() {
        ScanFinding finding = ScanFixtures.finding(ScanFixtures.ACTIVE, KeyStatus.ACTIVE, true, ScanFixtures.places(8));

        List<String> texts = lines(onlyFinding(finding, KeyStatus.DEFAULT_FAIL_ON)).stream()
                .map(Line::text)
                .toList();

        assertThat(texts.subList(1, 7))
                .containsExactly(
                        "[ACTIVE] " + ScanFixtures.ACTIVE + " authorization-key at a/f1.properties:1:1",
                        "    also at a/f2.properties:2:1",
                        "    also at a/f3.properties:3:1",
                        "    also at a/f4.properties:4:1",
                        "    also at a/f5.properties:5:1",
                        "    and 3 more places");
    }

    @Test
    void exactlyFivePlacesAreAllListed() {
        ScanFinding finding = ScanFixtures.finding(ScanFixtures.ACTIVE, KeyStatus.ACTIVE, true, ScanFixtures.places(5));

        List<String> texts = lines(onlyFinding(finding, KeyStatus.DEFAULT_FAIL_ON)).stream()
                .map(Line::text)
                .toList();

        assertThat(texts).contains("    also at a/f5.properties:5:1");
        assertThat(texts).noneMatch(text -> text.contains("more places"));
    }

    @Test
    void aBaselinedKeyIsMarkedAndAnActiveOneStillFails() {
        ScanFinding baselined = new ScanFinding(
                ScanFixtures.ACTIVE,
                KeyKind.AUTHORIZATION_KEY,
                KeyStatus.ACTIVE,
                Scope.CORP,
                "token issued",
                true,
                true,
                ScanFixtures.places(1));

        List<Line> lines = lines(onlyFinding(baselined, KeyStatus.DEFAULT_FAIL_ON));

        assertThat(lines.get(1))
                .isEqualTo(new Line(
                        Level.ERROR,
                        "[ACTIVE] " + ScanFixtures.ACTIVE
                                + " authorization-key (GIGACHAT_API_CORP) at a/f1.properties:1:1 (baselined)"));
        assertThat(lines.get(lines.size() - 1).text()).endsWith("An ACTIVE key is never silenced: rotate it.");
    }

    @Test
    void skippedItemsAreCappedAtTenWithThePointerToTheReport() {
        List<Skipped> skipped = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            skipped.add(new Skipped(Origin.file("big/" + i + ".bin"), "binary"));
        }
        ScanResult result = new ScanResult(
                ScanFixtures.DIRECTORY,
                "",
                true,
                false,
                null,
                List.of(),
                skipped,
                3,
                30,
                5,
                KeyStatus.DEFAULT_FAIL_ON,
                null);

        List<Line> lines = lines(result);

        assertThat(lines).allMatch(line -> line.level() != Level.ERROR);
        List<String> texts = lines.stream().map(Line::text).toList();
        assertThat(texts.get(0)).isEqualTo("GigaChat scan: no GigaChat key found in 3 files (30 bytes) in 5 ms.");
        assertThat(texts.subList(1, texts.size()))
                .startsWith("Not scanned (13):", "    big/1.bin: binary")
                .contains("    big/10.bin: binary")
                .doesNotContain("    big/11.bin: binary")
                .endsWith("    and 3 more (see target/gigachat/scan-report.json)")
                .hasSize(12);
        assertThat(lines.subList(1, lines.size())).allMatch(line -> line.level() == Level.WARN);
    }

    @Test
    void sizesAndDurationsReadEasily() {
        assertThat(ScanSummary.size(1023)).isEqualTo("1023 bytes");
        assertThat(ScanSummary.size(1536)).isEqualTo("1.5 KiB");
        assertThat(ScanSummary.size(200L * 1024 * 1024)).isEqualTo("200.0 MiB");
        assertThat(ScanSummary.size(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
        assertThat(ScanSummary.duration(999)).isEqualTo("999 ms");
        assertThat(ScanSummary.duration(2345)).isEqualTo("2.3 s");
    }

    /** The summary's lines, after the canary: they name keys only by the given fingerprints. */
    private static List<Line> lines(ScanResult result) {
        List<Line> lines = ScanSummary.lines(result);
        assertOnlyGivenFingerprints(render(lines));
        return lines;
    }

    private static ScanResult onlyFinding(ScanFinding finding, Set<KeyStatus> failOn) {
        return new ScanResult(
                ScanFixtures.DIRECTORY,
                "",
                true,
                false,
                null,
                List.of(finding),
                List.of(),
                10,
                2048,
                120,
                failOn,
                null);
    }

    private static String render(List<Line> lines) {
        return lines.stream()
                .map(line -> "[" + line.level() + "] " + line.text() + "\n")
                .collect(Collectors.joining());
    }
}
