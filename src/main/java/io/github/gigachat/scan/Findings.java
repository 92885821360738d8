package io.github.gigachat.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns hits (a key at a place) into findings (a distinct key at all its places) once each key has a verdict, and
 * decides which fail the build. Pure.
 */
public final class Findings {
    private static final Comparator<Location> PLACE = Comparator.comparing(Location::path)
            .thenComparing(l -> l.commit() == null ? "" : l.commit())
            .thenComparingInt(Location::line)
            .thenComparingInt(Location::column);
    private static final Comparator<ScanFinding> REPORT_ORDER = Comparator.comparing((ScanFinding f) -> !f.failing())
            .thenComparing(f -> f.locations().get(0), PLACE)
            .thenComparing(ScanFinding::fingerprint);

    private Findings() {}

    /** The distinct keys of the hits, in standard padded Base64, in order of first appearance. */
    public static List<String> distinctKeys(List<Hit> hits) {
        return hits.stream().map(h -> h.finding().authorizationKey()).distinct().toList();
    }

    /**
     * @param verdicts one per distinct key of {@code hits}
     * @param baseline accepted fingerprints
     * @return one finding per key: failing ones first, then by first place
     */
    public static List<ScanFinding> of(
            List<Hit> hits, Map<String, Verdict> verdicts, Set<String> baseline, Set<KeyStatus> failOn) {
        Map<String, List<Hit>> byKey = new LinkedHashMap<>();
        for (Hit hit : hits) {
            byKey.computeIfAbsent(hit.finding().authorizationKey(), k -> new ArrayList<>())
                    .add(hit);
        }
        List<ScanFinding> findings = new ArrayList<>();
        byKey.forEach((key, keyHits) -> {
            Verdict verdict = verdicts.get(key);
            if (verdict == null) {
                throw new IllegalArgumentException(
                        "no verdict for a key found at " + keyHits.get(0).location());
            }
            Set<Location> places = new TreeSet<>(PLACE);
            keyHits.forEach(hit -> places.add(hit.location()));
            KeyFinding first = keyHits.get(0).finding();
            boolean baselined = baseline.contains(first.fingerprint());
            findings.add(new ScanFinding(
                    first.fingerprint(),
                    first.kind(),
                    verdict.status(),
                    verdict.scope(),
                    verdict.detail(),
                    baselined,
                    ScanPolicy.fails(verdict.status(), baselined, failOn),
                    List.copyOf(places)));
        });
        findings.sort(REPORT_ORDER);
        return List.copyOf(findings);
    }
}
