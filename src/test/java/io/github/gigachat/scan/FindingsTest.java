package io.github.gigachat.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gigachat.client.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FindingsTest {
    private static List<Hit> hits(Origin origin, String text) {
        return new KeyDetector()
                .detect(text).stream().map(f -> new Hit(origin, f)).toList();
    }

    @Test
    void oneFindingPerKeyWithEveryPlaceAndCommit() {
        List<Hit> hits = new ArrayList<>();
        hits.addAll(hits(Origin.file("z.properties"), "a=1\nk=" + ScanTestKeys.KEY));
        hits.addAll(hits(new Origin("old.env", "c0ffee"), "KEY=" + ScanTestKeys.KEY.replace("=", "")));
        hits.addAll(hits(
                Origin.file("a.yaml"), "client_id: " + ScanTestKeys.ID + "\nclient_secret: " + ScanTestKeys.SECRET));
        List<ScanFinding> findings = Findings.of(
                hits,
                Map.of(ScanTestKeys.KEY, new Verdict(KeyStatus.ACTIVE, Scope.CORP, "works")),
                Set.of(),
                KeyStatus.DEFAULT_FAIL_ON);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.fingerprint()).isEqualTo(KeyFinding.fingerprintOf(ScanTestKeys.KEY));
            assertThat(f.failing()).isTrue();
            assertThat(f.scope()).isEqualTo(Scope.CORP);
            assertThat(f.locations())
                    .extracting(Location::toString)
                    .containsExactly("a.yaml:2:16", "old.env:1:5 (commit c0ffee)", "z.properties:2:3");
        });
    }

    @Test
    void failingFindingsComeFirst() {
        List<Hit> hits = new ArrayList<>(hits(Origin.file("a.txt"), "k=" + ScanTestKeys.KEY));
        hits.addAll(hits(Origin.file("b.txt"), "k=" + ScanTestKeys.OTHER_KEY));
        List<ScanFinding> findings = Findings.of(
                hits,
                Map.of(
                        ScanTestKeys.KEY, new Verdict(KeyStatus.INACTIVE, null, "revoked"),
                        ScanTestKeys.OTHER_KEY, new Verdict(KeyStatus.UNKNOWN, null, "timeout")),
                Set.of(),
                KeyStatus.DEFAULT_FAIL_ON);
        assertThat(findings).extracting(ScanFinding::status).containsExactly(KeyStatus.UNKNOWN, KeyStatus.INACTIVE);
    }

    @Test
    void aKeyWithoutAVerdictIsAProgrammingError() {
        List<Hit> hits = hits(Origin.file("a.txt"), "k=" + ScanTestKeys.KEY);
        assertThatThrownBy(() -> Findings.of(hits, Map.of(), Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(ScanTestKeys.KEY);
    }
}
