package io.github.gigachat.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.client.Scope;
import io.github.gigachat.scan.KeyKind;
import io.github.gigachat.scan.KeyStatus;
import io.github.gigachat.scan.Location;
import io.github.gigachat.scan.Origin;
import io.github.gigachat.scan.ScanFinding;
import io.github.gigachat.scan.ScanResult;
import io.github.gigachat.scan.Skipped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scan results for the report tests, one finding per status, with ordinary paths and details; and the canary check
 * that an output holds only what the result gave it.
 */
public final class ScanFixtures {
    public static final String DIRECTORY = "/home/dev/shop/service";
    public static final String PREFIX = "service/";
    public static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    public static final String ACTIVE = "sha256:aaaaaaaaaaa1";
    public static final String INACTIVE = "sha256:bbbbbbbbbbb2";
    public static final String UNKNOWN = "sha256:ccccccccccc3";
    public static final String UNVERIFIED = "sha256:ddddddddddd4";
    public static final String DEMO = "sha256:eeeeeeeeeee5";
    public static final Set<String> FINGERPRINTS = Set.of(ACTIVE, INACTIVE, UNKNOWN, UNVERIFIED, DEMO);

    /**
     * What a committed key looks like in a scanned file. The results never hold it; the outputs are checked for it and
     * its parts all the same.
     */
    public static final String CLIENT_ID = "5f0c7a1e-3b2d-4c9e-8a7f-1d2e3f4a5b6c";

    public static final String SECRET = "9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    public static final String CANARY_KEY =
            Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-zA-Z]*");

    private ScanFixtures() {}

    /** One finding per status: ACTIVE, UNKNOWN and UNVERIFIED fail; INACTIVE is baselined; DEMO passes. */
    public static ScanResult everyStatus() {
        return result(List.of(
                new ScanFinding(
                        ACTIVE,
                        KeyKind.AUTHORIZATION_KEY,
                        KeyStatus.ACTIVE,
                        Scope.PERS,
                        "a token was issued for GIGACHAT_API_PERS",
                        false,
                        true,
                        List.of(
                                new Location("src/main/resources/application.properties", 3, 17, null),
                                new Location("deploy/k8s secret.yaml", 12, 9, null))),
                new ScanFinding(
                        UNKNOWN,
                        KeyKind.AUTHORIZATION_KEY,
                        KeyStatus.UNKNOWN,
                        null,
                        "HTTP 503 from the OAuth endpoint",
                        false,
                        true,
                        List.of(new Location("docs/setup.md", 40, 5, null))),
                new ScanFinding(
                        UNVERIFIED,
                        KeyKind.CLIENT_CREDENTIALS,
                        KeyStatus.UNVERIFIED,
                        null,
                        "not checked: offline",
                        false,
                        true,
                        List.of(new Location("конфиг/.env", 2, 1, null))),
                new ScanFinding(
                        INACTIVE,
                        KeyKind.CLIENT_CREDENTIALS,
                        KeyStatus.INACTIVE,
                        null,
                        "OAuth code 6: unknown or revoked",
                        true,
                        false,
                        List.of(
                                new Location("lib/legacy.jar!/config/app.properties", 4, 3, null),
                                new Location("old/secrets.yaml", 2, 15, COMMIT))),
                new ScanFinding(
                        DEMO,
                        KeyKind.AUTHORIZATION_KEY,
                        KeyStatus.DEMO,
                        null,
                        "a demo key of the built-in emulator",
                        false,
                        false,
                        List.of(new Location("src/test/resources/emulator.properties", 1, 20, null)))));
    }

    /** A result with these findings and two skipped items, one from the history. */
    public static ScanResult result(List<ScanFinding> findings) {
        return new ScanResult(
                DIRECTORY,
                PREFIX,
                true,
                true,
                "origin/main",
                findings,
                List.of(
                        new Skipped(Origin.file("assets/video.mp4"), "larger than 10485760 bytes"),
                        new Skipped(new Origin("dump.bin", COMMIT), "binary")),
                1234,
                5_678_901,
                812,
                KeyStatus.DEFAULT_FAIL_ON,
                null);
    }

    /** A result with nothing found and nothing skipped. */
    public static ScanResult clean() {
        return new ScanResult(
                DIRECTORY, "", true, false, null, List.of(), List.of(), 42, 4096, 35, KeyStatus.DEFAULT_FAIL_ON, null);
    }

    /** A result whose scan could not run. */
    public static ScanResult error() {
        return ScanResult.error(
                DIRECTORY,
                KeyStatus.DEFAULT_FAIL_ON,
                "gigachat.scan.since names 'origin/nope', which is not a ref of the repository");
    }

    /** A finding of one status at these places. */
    public static ScanFinding finding(String fingerprint, KeyStatus status, boolean failing, List<Location> places) {
        return new ScanFinding(fingerprint, KeyKind.AUTHORIZATION_KEY, status, null, "checked", false, failing, places);
    }

    /** Places {@code a/f1.properties:1:1} ... numbered from 1. */
    public static List<Location> places(int count) {
        List<Location> places = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            places.add(new Location("a/f" + i + ".properties", i, 1, null));
        }
        return places;
    }

    /** The canary for every file under {@code directory}: the reports a test wrote. */
    public static void assertNoKeyInFilesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertOnlyGivenFingerprints(Files.readString(file));
            }
        }
    }

    /**
     * The canary: the output names keys only by the given fingerprints ({@code sha256:} and 12 hex digits) and holds no
     * part of a key.
     */
    public static void assertOnlyGivenFingerprints(String output) {
        Matcher matcher = SHA256.matcher(output);
        while (matcher.find()) {
            assertThat(FINGERPRINTS).as("fingerprint in the output").contains(matcher.group());
        }
        assertThat(output)
                .doesNotContain(CANARY_KEY)
                .doesNotContain(CANARY_KEY.substring(0, 16))
                .doesNotContain(CLIENT_ID)
                .doesNotContain(SECRET);
    }
}
