package io.github.gigachat.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyDetectorTest {
    private static final String ID = "3f2b8c1e-7a4d-4e29-9b6f-1c0d5e8a2f47";
    // Chosen so that the key holds '+', '/' and '==': every encoding differs from the standard form.
    private static final String SECRET = "k~?>Pw7?>~Qz";
    private static final String KEY = b64(ID + ":" + SECRET);
    private static final String FINGERPRINT = KeyFinding.fingerprintOf(KEY);

    private static final String PAIR_ID = "6a9e2d4f-1b3c-4a8e-9f7d-2c5b8e1a4d63";
    private static final String PAIR_SECRET = "e4c7a1b9-5d2f-4e83-b6a0-9c1f3d7e2b58";
    private static final String PAIR_KEY = b64(PAIR_ID + ":" + PAIR_SECRET);

    private final KeyDetector detector = new KeyDetector();

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String urlSafe(String key) {
        return key.replace('+', '-').replace('/', '_');
    }

    @Test
    void theTestKeyExercisesEveryBase64Character() {
        assertThat(KEY).contains("+", "/").endsWith("==");
    }

    static Stream<Arguments> encodings() {
        String unpadded = KEY.replace("=", "");
        return Stream.of(
                Arguments.of("basic", "Authorization: Basic %s", KEY),
                Arguments.of("bearer", "auth = \"Bearer %s\"", KEY),
                Arguments.of("quoted", "String key = \"%s\";", KEY),
                Arguments.of("single-quoted", "key: '%s'", KEY),
                Arguments.of("properties", "gigachat.credentials=%s", KEY),
                Arguments.of("yaml", "  authorization-key: %s", KEY),
                Arguments.of("env", "GIGACHAT_CREDENTIALS=%s", KEY),
                Arguments.of("xml", "<apiKey>%s</apiKey>", KEY),
                Arguments.of("curl", "curl -H 'Authorization: Basic %s' https://x", KEY),
                Arguments.of("unpadded", "key=%s", unpadded),
                Arguments.of("url-safe", "key=%s", urlSafe(KEY)),
                Arguments.of("url-safe unpadded", "key=%s;", urlSafe(unpadded)),
                Arguments.of("json slash", "{\"key\": \"%s\"}", KEY.replace("/", "\\/")),
                Arguments.of(
                        "json unicode",
                        "{\"key\": \"%s\"}",
                        KEY.replace("+", "\\u002b").replace("/", "\\u002F").replace("=", "\\u003d")),
                Arguments.of("json after newline escape", "{\"v\": \"line\\n%s\"}", KEY),
                Arguments.of(
                        "url-encoded",
                        "https://x/?key=%s&y=1",
                        KEY.replace("+", "%2B").replace("/", "%2f").replace("=", "%3D")),
                Arguments.of("kubernetes data", "  GIGACHAT_KEY: %s", b64(KEY)),
                Arguments.of("kubernetes data of a header", "  auth: %s", b64("Basic " + KEY)),
                Arguments.of("cyrillic before", "ключ = %s", KEY),
                Arguments.of("form-encoded header", "header=Basic+%s", KEY),
                Arguments.of("glued to a word", "token: gigachat%s", KEY),
                Arguments.of("glued url-safe unpadded", "k=abc_%s", urlSafe(unpadded)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void findsTheKeyInEveryEncodingWithOneFingerprint(String name, String template, String encoded) {
        String line = template.formatted(encoded);
        String text = "first line\n\t  second line\n" + line + "\nlast line\n";

        List<KeyFinding> findings = detector.detect(text);

        assertThat(findings).hasSize(1);
        KeyFinding finding = findings.get(0);
        assertThat(finding.kind()).isEqualTo(KeyKind.AUTHORIZATION_KEY);
        assertThat(finding.line()).isEqualTo(3);
        assertThat(finding.column()).isEqualTo(line.indexOf(encoded) + 1);
        assertThat(finding.authorizationKey()).isEqualTo(KEY);
        assertThat(finding.fingerprint()).isEqualTo(FINGERPRINT).matches("sha256:[0-9a-f]{12}");
    }

    @Test
    void columnsCountCharactersNotUtf16Units() {
        List<KeyFinding> findings = detector.detect("x\n\uD83D\uDD11 " + KEY);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.column()).isEqualTo(3);
        });
    }

    @Test
    void findsEveryOccurrenceInOrder() {
        String text = "a=" + KEY + "\n\nb=" + urlSafe(KEY) + " c=" + KEY;

        assertThat(detector.detect(text))
                .extracting(KeyFinding::line, KeyFinding::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 3),
                        org.assertj.core.groups.Tuple.tuple(3, 3),
                        org.assertj.core.groups.Tuple.tuple(3, 3 + KEY.length() + 3));
    }

    static Stream<String> decoys() {
        byte[] random = new byte[64];
        new Random(42).nextBytes(random);
        String jwt = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
                + b64url("{\"sub\":\"" + ID + "\",\"name\":\"someone with a long name\",\"iat\":1516239022}")
                + "." + b64url(new String(random, StandardCharsets.ISO_8859_1));
        return Stream.of(
                "client_id=" + ID,
                "id: " + ID + " " + PAIR_SECRET,
                "blob = \"" + Base64.getEncoder().encodeToString(random) + "\"",
                "token: " + jwt,
                "Authorization: Bearer " + jwt,
                "sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "text=" + b64("this is a long sentence that is not an authorization key at all"),
                "no colon=" + b64(ID + "-" + SECRET),
                "empty secret=" + b64(ID + ":"),
                "spaced secret=" + b64(ID + ":k~? >Pw7"),
                "not a uuid=" + b64("3f2b8c1e-7a4d-4e29-9b6f-1c0d5e8a2f4x:" + SECRET),
                "twice nested=" + b64(b64(KEY)),
                "client_secret: " + PAIR_SECRET,
                "private static final String AVeryLongIdentifierNameThatKeepsGoingAndGoingForeverAndEver = null;");
    }

    private static String b64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @MethodSource("decoys")
    void decoysAreNeverFindings(String text) {
        assertThat(detector.detect("line\n" + text + "\n")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "key=%s # gigachat:allow",
                "// gigachat:allow test fixture: %s",
                "client_id=" + PAIR_ID + " # gigachat:allow\nclient_secret=" + PAIR_SECRET,
                "client_id=" + PAIR_ID + "\nclient_secret=" + PAIR_SECRET + " # gigachat:allow"
            })
    void linesWithTheAllowMarkerAreSkipped(String template) {
        assertThat(detector.detect(template.formatted(KEY))).isEmpty();
    }

    @Test
    void theAllowMarkerCoversOnlyItsOwnLine() {
        List<KeyFinding> findings = detector.detect("a=" + KEY + " # gigachat:allow\nb=" + KEY);

        assertThat(findings).singleElement().extracting(KeyFinding::line).isEqualTo(2);
    }

    static Stream<String> texts() {
        return Stream.concat(
                encodings().map(a -> ((String) a.get()[1]).formatted(a.get()[2])),
                pairs().map(a -> ((String) a.get()[1]).formatted(PAIR_ID, PAIR_SECRET)));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void readingUtf8BytesFindsWhatReadingTheDecodedTextFinds(String text) {
        // Cyrillic (2 bytes), a CJK character (3 bytes) and an emoji (4 bytes, 2 UTF-16 chars) before the key
        String prefixed =
                "# ключ 鍵 🔑\n" + ("\n" + text).replace("\n", "\nё🔑 ").substring(1);
        List<KeyFinding> decoded = detector.detect(prefixed);
        assertThat(decoded).isNotEmpty();
        assertThat(detector.detectUtf8(prefixed.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(decoded);
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("properties", "gigachat.client-id=%s\ngigachat.client-secret=%s", 2),
                Arguments.of("properties spaced", "client_id = %s\n\nclient_secret = %s", 3),
                Arguments.of("yaml", "gigachat:\n  client-id: %s\n  client-secret: \"%s\"\n", 3),
                Arguments.of("yaml single quotes", "clientId: '%s'\nclientSecret: '%s'", 2),
                Arguments.of("json", "{\n  \"client_id\": \"%s\",\n  \"client_secret\": \"%s\"\n}", 3),
                Arguments.of("json one line", "{\"clientId\":\"%s\",\"clientSecret\":\"%s\"}", 1),
                Arguments.of("xml elements", "<gigachat>\n<clientId>%s</clientId>\n<clientSecret>%s</clientSecret>", 3),
                Arguments.of("xml attributes", "<gigachat clientId=\"%s\"\n          clientSecret=\"%s\"/>", 2),
                Arguments.of(
                        "json inside a json string",
                        "\"{\\\"client_id\\\":\\\"%s\\\",\\\"client_secret\\\":\\\"%s\\\"}\"",
                        1),
                Arguments.of("env", "export GIGACHAT_CLIENT_ID=%s\nGIGACHAT_CLIENT_SECRET=%s\n", 2),
                Arguments.of("mixed case", "CLIENT_ID=%s\nsEcReT=%s", 2),
                Arguments.of("five lines apart", "client_id=%s\n\n\n\n\nclient_secret=%s", 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void findsClientIdAndSecretPairs(String name, String template, int secretLine) {
        String text = template.formatted(PAIR_ID, PAIR_SECRET);
        String line = text.split("\n", -1)[secretLine - 1];

        List<KeyFinding> findings = detector.detect(text);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(KeyKind.CLIENT_CREDENTIALS);
            assertThat(f.line()).isEqualTo(secretLine);
            assertThat(f.column()).isEqualTo(line.indexOf(PAIR_SECRET) + 1);
            assertThat(f.authorizationKey()).isEqualTo(PAIR_KEY);
            assertThat(f.fingerprint()).isEqualTo(KeyFinding.fingerprintOf(PAIR_KEY));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_secret=%s\nclient_id=%s", "Secret: %s\n\nclientId: %s\n"})
    void theSecretMayComeFirst(String template) {
        String text = template.formatted(PAIR_SECRET, PAIR_ID);

        assertThat(detector.detect(text)).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.authorizationKey()).isEqualTo(PAIR_KEY);
        });
    }

    @Test
    void aPairAndItsComposedKeyShareOneFingerprint() {
        String text = "client_id=" + PAIR_ID + "\nclient_secret=" + PAIR_SECRET + "\nkey=" + PAIR_KEY;

        assertThat(detector.detect(text))
                .extracting(KeyFinding::fingerprint)
                .containsOnly(KeyFinding.fingerprintOf(PAIR_KEY))
                .hasSize(2);
    }

    @Test
    void aPairSixLinesApartIsNotFound() {
        String text = "client_id=" + PAIR_ID + "\n\n\n\n\n\nclient_secret=" + PAIR_SECRET;

        assertThat(detector.detect(text)).isEmpty();
    }

    @Test
    void noFindingShowsTheKeyOrTheSecret() {
        String text = "a=" + KEY + "\nb=" + b64(KEY) + "\nclient_id=" + PAIR_ID + "\nclient_secret=" + PAIR_SECRET;

        List<KeyFinding> findings = detector.detect(text);

        assertThat(findings).hasSize(3);
        for (KeyFinding finding : findings) {
            assertThat(finding.toString())
                    .contains(finding.fingerprint())
                    .doesNotContain(KEY, urlSafe(KEY), KEY.substring(0, 20), SECRET, PAIR_SECRET, PAIR_KEY)
                    .doesNotContain(PAIR_KEY.substring(0, 20));
        }
        assertThat(findings.toString()).doesNotContain(SECRET, PAIR_SECRET);
    }

    @Test
    void findsAKeyThatIsTheWholeTextOrEndsIt() {
        assertThat(detector.detect(KEY))
                .singleElement()
                .extracting(KeyFinding::column)
                .isEqualTo(1);
        assertThat(detector.detect(KEY.replace("=", ""))).hasSize(1);
        assertThat(detector.detect("k=" + urlSafe(KEY).replace("=", "")))
                .singleElement()
                .extracting(KeyFinding::column)
                .isEqualTo(3);
    }

    @Test
    void findsAKeyGluedToBase64OfAnyLengthWhereTheKeyStarts() {
        // the search for a key's start skips ahead in a token: no length of what comes before may hide it
        Random random = new Random(11);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int length = 0; length <= 200; length++) {
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < length; i++) {
                prefix.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = "x = \"" + prefix + KEY + "\"";

            assertThat(detector.detect(text))
                    .as("after %d characters", length)
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.column()).isEqualTo(text.indexOf(KEY) + 1);
                        assertThat(f.authorizationKey()).isEqualTo(KEY);
                    });
        }
    }

    @Test
    void findsAKeyWhateverHexDigitsItsClientIdHas() {
        // the check before decoding allows, at each of a key's first 49 characters, what any hex digit can make
        String digits = "0123456789abcdefABCDEF";
        for (char first : digits.toCharArray()) {
            for (char second : digits.toCharArray()) {
                StringBuilder id = new StringBuilder();
                for (int i = 0; i < 36; i++) {
                    id.append(i == 8 || i == 13 || i == 18 || i == 23 ? '-' : i % 2 == 0 ? first : second);
                }
                String key = b64(id + ":" + SECRET);

                assertThat(detector.detect("a=" + key + "\nb=" + urlSafe(key).replace("=", "")))
                        .as(id.toString())
                        .extracting(KeyFinding::authorizationKey)
                        .containsExactly(key, key);
            }
        }
    }

    @Test
    void aKeyRunningIntoMoreBase64IsAKeyOnlyWhenAllOfItDecodesToASecret() {
        String unpadded = KEY.replace("=", "");
        assertThat(detector.detect("k=" + unpadded + "ABC"))
                .as("not whole bytes")
                .isEmpty();
        assertThat(detector.detect("k=" + unpadded + "AAAA"))
                .as("zero bytes after the secret")
                .isEmpty();
        // the last group of 4 made into 3 more secret characters ("Q~~>"): another key
        assertThat(detector.detect("k=" + KEY.substring(0, KEY.length() - 4) + "fn4+"))
                .singleElement()
                .extracting(KeyFinding::column)
                .isEqualTo(3);
    }

    @Test
    void aTokenOfManyKeyShapedStartsIsAKeyOnlyWhenItEndsInSecretBytes() {
        // every 37 bytes a UUID and a colon: many starts look like a key until the space near the end
        String many = (ID + ":").repeat(200);

        assertThat(detector.detect("k=" + b64(many + " x"))).isEmpty();
        assertThat(detector.detect("k=" + b64(many + "x")))
                .singleElement()
                .satisfies(f -> assertThat(f.authorizationKey()).isEqualTo(b64(many + "x")));
    }

    @Test
    void aKeyAfterAnEscapeInItsTokenIsPlacedWhereItStarts() {
        String line = "{\"v\": \"ab\\/cd" + KEY + "\"}";

        assertThat(detector.detect(line))
                .singleElement()
                .extracting(KeyFinding::column)
                .isEqualTo(line.indexOf(KEY) + 1);
    }

    @Test
    void aKeyEncodedOnceMoreIsPlacedAtTheOuterToken() {
        String outer = b64("token:abc" + KEY);
        String line = "data: " + outer;

        assertThat(detector.detect(line)).singleElement().satisfies(f -> {
            assertThat(f.column()).isEqualTo(line.indexOf(outer) + 1);
            assertThat(f.authorizationKey()).isEqualTo(KEY);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ключ", "é", "🔑", "\u00a0"})
    void aUuidEndsAtAnyCharacterThatIsNotAnAsciiWordCharacter(String neighbour) {
        String text = "client_id=" + PAIR_ID + neighbour + "\nclient_secret=" + PAIR_SECRET + neighbour + "x";

        List<KeyFinding> findings = detector.detect(text);

        assertThat(findings)
                .singleElement()
                .extracting(KeyFinding::authorizationKey)
                .isEqualTo(PAIR_KEY);
        assertThat(detector.detectUtf8(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(findings);
    }

    @Test
    void aUuidGluedToAnAsciiWordCharacterIsNoClientId() {
        assertThat(detector.detect("client_id=" + PAIR_ID + "x\nclient_secret=" + PAIR_SECRET))
                .isEmpty();
        assertThat(detector.detect("client_id=" + PAIR_ID + "\nclient_secret=_" + PAIR_SECRET))
                .isEmpty();
    }

    @Test
    void megabytesOfSourceLikeTextHoldNoFinding() {
        // speed is measured by a benchmark (issue 7), not asserted here
        assertThat(detector.detect(sourceLikeText(5 * 1024 * 1024))).isEmpty();
    }

    private static String sourceLikeText(int chars) {
        String[] lines = {
            "package io.github.example.service;",
            "import java.util.concurrent.ConcurrentHashMap;",
            "    /** Returns the configured client secret holder for this instance. */",
            "    private final Map<String, List<Integer>> valuesByName = new ConcurrentHashMap<>();",
            "    public static String describe(Object value) { return String.valueOf(value).trim(); }",
            "        if (request.getHeader(\"Authorization\") == null && retries++ < MAX_RETRIES) {",
            "            log.debug(\"request {} took {} ms\", requestId, System.currentTimeMillis() - t0);",
            "    private static final String UUID_SAMPLE = \"" + ID + "\";",
            "gigachat.scope=GIGACHAT_API_PERS",
            "  image: registry.example.com/team/service-name:1.2.3-SNAPSHOT",
            "}",
            ""
        };
        StringBuilder sb = new StringBuilder(chars + 200);
        Random random = new Random(7);
        while (sb.length() < chars) {
            sb.append(lines[random.nextInt(lines.length)]).append('\n');
        }
        return sb.toString();
    }
}
