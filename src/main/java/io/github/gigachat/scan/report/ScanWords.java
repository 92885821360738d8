package io.github.gigachat.scan.report;

import io.github.gigachat.scan.KeyKind;
import io.github.gigachat.scan.KeyStatus;
import io.github.gigachat.scan.Location;
import io.github.gigachat.scan.ScanFinding;
import io.github.gigachat.scan.ScanResult;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The words the scan's reports use for a status, a kind of finding and the whole scan, in one place, so that the JSON,
 * SARIF, JUnit XML and step summary say the same thing. Names no build tool's settings.
 */
public final class ScanWords {
    /** Where a key is rotated. */
    public static final String STUDIO = "the Sber developer studio (https://developers.sber.ru/studio)";

    /** The plugin's home page, the {@code <url>} of its pom: where the SARIF's tool points readers. */
    public static final String HOME_PAGE = "https://github.com/gigachat/gigachat-maven-plugin";

    private ScanWords() {}

    /** What the status says about a key, to follow "it": "it works, and ...". */
    public static String meaning(KeyStatus status) {
        return switch (status) {
            case ACTIVE -> "works, and anyone with the repository can spend on it";
            case INACTIVE -> "is no longer accepted (unknown or revoked)";
            case UNKNOWN -> "could not be checked to the end";
            case UNVERIFIED -> "was not checked (the reason is given with the key)";
            case DEMO -> "is a public demo key of the built-in GigaChat emulator";
        };
    }

    /** What to do about a key with this status, in whole sentences. */
    public static String whatToDo(KeyStatus status) {
        return switch (status) {
            case ACTIVE ->
                "Rotate it now in " + STUDIO + ", then remove it from the git history (e.g. with git filter-repo):"
                        + " rotate first, the history has already been shared.";
            case INACTIVE -> "Remove it from the repository anyway, or accept it in the baseline.";
            case UNKNOWN -> "Run the scan again online, or rotate the key in " + STUDIO + " to be safe.";
            case UNVERIFIED -> "Run the scan again online to learn whether the key works.";
            case DEMO -> "Nothing to rotate: it grants nothing outside the emulator.";
        };
    }

    /** The kind of finding as a noun: "Authorization Key", "client id and secret pair". */
    public static String noun(KeyKind kind) {
        return switch (kind) {
            case AUTHORIZATION_KEY -> "Authorization Key";
            case CLIENT_CREDENTIALS -> "client id and secret pair";
        };
    }

    /** How many distinct keys have each status, every status present (0 when none), in the statuses' order. */
    public static Map<KeyStatus, Integer> counts(ScanResult result) {
        Map<KeyStatus, Integer> counts = new EnumMap<>(KeyStatus.class);
        for (KeyStatus status : KeyStatus.values()) {
            counts.put(status, 0);
        }
        for (ScanFinding finding : result.findings()) {
            counts.merge(finding.status(), 1, Integer::sum);
        }
        return counts;
    }

    /** The statuses found, with their counts: "1 ACTIVE, 2 INACTIVE". */
    public static String countsText(ScanResult result) {
        StringJoiner text = new StringJoiner(", ");
        counts(result).forEach((status, count) -> {
            if (count > 0) {
                text.add(count + " " + status);
            }
        });
        return text.toString();
    }

    /** The whole scan in one sentence. */
    public static String summary(ScanResult result) {
        if (result.error() != null) {
            return "The scan could not run: " + result.error();
        }
        int found = result.findings().size();
        if (found == 0) {
            return "No GigaChat key found in " + number(result.filesScanned()) + " scanned files.";
        }
        long failing = result.findings().stream().filter(ScanFinding::failing).count();
        String verdict;
        if (failing == 0) {
            verdict = found == 1 ? "it does not fail the build" : "none fails the build";
        } else {
            verdict = found == 1 ? "it fails the build" : failing + " fail the build";
        }
        return "Found " + found + " distinct GigaChat " + (found == 1 ? "key" : "keys") + " (" + countsText(result)
                + "); " + verdict + ".";
    }

    /** The first place a key was found, and how many more: "a/b.properties:3:7 and 2 more". */
    public static String where(ScanFinding finding) {
        if (finding.locations().isEmpty()) {
            return "(no location)";
        }
        Location first = finding.locations().get(0);
        int more = finding.locations().size() - 1;
        return more == 0 ? first.toString() : first + " and " + more + " more";
    }

    /** A count with thousands separators: "12,345". */
    public static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
