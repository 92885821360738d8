package io.github.gigachat.scan.bench;

import static io.github.gigachat.emulator.EmulatorAccount.DEMO_B2B_PAID;
import static io.github.gigachat.emulator.EmulatorAccount.DEMO_CORP_POSTPAID;
import static io.github.gigachat.emulator.EmulatorAccount.DEMO_PERS_PAID;
import static io.github.gigachat.emulator.EmulatorAccount.DEMO_PERS_UNPAID;

import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.scan.KeyFinding;
import io.github.gigachat.scan.KeyKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A few lines holding one of the built-in emulator's public demo keys in one encoding, to put into a file of its
 * type: the scan must find each as {@code DEMO} without a network request.
 *
 * @param encoding how the key is written
 * @param type the type of file the lines fit in
 * @param lines the lines
 * @param keyLine 0-based index of the line the scan reports (the key, or a pair's secret)
 * @param kind what the scan reports
 * @param account whose key it is
 */
record Plant(String encoding, FileType type, List<String> lines, int keyLine, KeyKind kind, EmulatorAccount account) {
    private static final KeyKind KEY = KeyKind.AUTHORIZATION_KEY;
    private static final KeyKind PAIR = KeyKind.CLIENT_CREDENTIALS;

    /** One plant per encoding, the four demo accounts each several times. */
    static List<Plant> all() {
        String pers = DEMO_PERS_PAID.authorizationKey();
        String b2b = DEMO_B2B_PAID.authorizationKey();
        String corp = DEMO_CORP_POSTPAID.authorizationKey();
        String unpaid = DEMO_PERS_UNPAID.authorizationKey();
        return List.of(
                key("properties", FileType.PROPERTIES, DEMO_PERS_PAID, "gigachat.credentials=" + pers),
                key(
                        "basic header in java",
                        FileType.JAVA,
                        DEMO_B2B_PAID,
                        "        request.header(\"Authorization\", \"Basic " + b2b + "\");"),
                key(
                        "unpadded in a curl example",
                        FileType.MARKDOWN,
                        DEMO_PERS_PAID,
                        "curl -H 'Authorization: Basic " + pers.replace("=", "")
                                + "' https://ngw.devices.sberbank.ru:9443/api/v2/oauth"),
                key(
                        "json unicode escapes",
                        FileType.JSON,
                        DEMO_CORP_POSTPAID,
                        "    {\"gigachatKey\": \"" + corp.replace("=", "\\u003d") + "\"},"),
                key(
                        "url-encoded",
                        FileType.PROPERTIES,
                        DEMO_B2B_PAID,
                        "callback.url=https://example.com/cb?key=" + b2b.replace("=", "%3D") + "&v=2"),
                key("env", FileType.ENV, DEMO_PERS_UNPAID, "GIGACHAT_CREDENTIALS=" + unpaid),
                key("bearer in yaml", FileType.YAML, DEMO_CORP_POSTPAID, "    authorization: \"Bearer " + corp + "\""),
                new Plant(
                        "kubernetes secret data",
                        FileType.YAML,
                        List.of("kind: Secret", "data:", "  GIGACHAT_CREDENTIALS: " + base64(pers)),
                        2,
                        KEY,
                        DEMO_PERS_PAID),
                pair(
                        "pair in yaml",
                        FileType.YAML,
                        DEMO_PERS_UNPAID,
                        "gigachat:",
                        "  client-id: %s",
                        "  client-secret: %s"),
                pair(
                        "pair in properties",
                        FileType.PROPERTIES,
                        DEMO_PERS_PAID,
                        "gigachat.client-id=%s",
                        "gigachat.client-secret=%s"),
                pair(
                        "pair in xml",
                        FileType.XML,
                        DEMO_B2B_PAID,
                        "  <clientId>%s</clientId>",
                        "  <clientSecret>%s</clientSecret>"),
                pair(
                        "pair in json",
                        FileType.JSON,
                        DEMO_CORP_POSTPAID,
                        "    {\"client_id\": \"%s\",",
                        "     \"client_secret\": \"%s\"},"));
    }

    private static Plant key(String encoding, FileType type, EmulatorAccount account, String line) {
        return new Plant(encoding, type, List.of(line), 0, KEY, account);
    }

    /** All but the last line may hold the client id ({@code %s}); the last holds the secret. */
    private static Plant pair(String encoding, FileType type, EmulatorAccount account, String... templates) {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < templates.length; i++) {
            boolean last = i == templates.length - 1;
            lines.add(templates[i].replace("%s", last ? account.secret() : account.clientId()));
        }
        return new Plant(encoding, type, List.copyOf(lines), templates.length - 1, PAIR, account);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** UTF-8 bytes of the lines with their newlines. */
    int bytes() {
        return RepositoryText.size(lines);
    }

    /** Where the scan reports this plant once its first line is line {@code firstLine} (1-based) of the file. */
    PlantedKey at(String path, int firstLine, int commit) {
        return new PlantedKey(
                path,
                firstLine + keyLine,
                commit,
                kind,
                KeyFinding.fingerprintOf(account.authorizationKey()),
                encoding);
    }
}
