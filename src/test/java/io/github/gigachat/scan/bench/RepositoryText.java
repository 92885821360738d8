package io.github.gigachat.scan.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Lines of ordinary repository text in each {@link FileType}, drawn from a seeded {@link Random}: code and
 * configuration with decoys (UUIDs, Base64 blobs, hashes, JWT-like tokens, Base64 of text that is not
 * {@code UUID:secret}) and never a GigaChat key. As in real projects, only some files speak of credentials (the words
 * "secret", "clientId", "client-id"), so a scanner's cheap word test has the work it has on a real tree.
 */
final class RepositoryText {
    /** Percent of files whose lines may name a secret or a client id. */
    static final int CREDENTIAL_FILES_PERCENT = 5;

    private static final String[] NOUNS = {
        "order", "customer", "invoice", "payment", "account", "session", "report", "catalog", "shipment", "price",
        "discount", "warehouse", "ledger", "profile", "message", "channel", "tenant", "quota", "audit", "refund"
    };
    private static final String[] VERBS = {
        "find", "load", "save", "validate", "compute", "publish", "refresh", "resolve", "merge", "export", "archive"
    };
    private static final String[] RUSSIAN = {
        "настройка", "сборка", "ключ", "запрос", "ответ", "модель", "документация", "проект", "пример", "сервис"
    };
    private static final String[] STATUSES = {"NEW", "ACTIVE", "PAID", "SHIPPED", "CANCELLED", "ARCHIVED"};
    private static final HexFormat HEX = HexFormat.of();

    private final Random random;

    RepositoryText(Random random) {
        this.random = random;
    }

    /**
     * A whole file of exactly {@code bytes} UTF-8 bytes as lines (each ends with a newline in the file): a header, body
     * lines, a footer, and if needed one line of spaces that makes the size exact.
     */
    List<String> file(FileType type, String name, int bytes) {
        List<String> head = header(type, name);
        List<String> foot = footer(type);
        int budget = bytes - size(head) - size(foot);
        if (budget < 0) {
            throw new IllegalArgumentException(bytes + " bytes cannot hold the header and footer of " + name);
        }
        List<String> lines = new ArrayList<>(head);
        boolean credentials = random.nextInt(100) < CREDENTIAL_FILES_PERCENT;
        while (budget > 0) {
            String line = fittingLine(type, credentials, budget);
            if (line == null) {
                lines.add(" ".repeat(budget - 1));
                break;
            }
            lines.add(line);
            budget -= size(line);
        }
        lines.addAll(foot);
        return lines;
    }

    /** A body line of this type that fits in {@code budget} bytes, or null after a few tries. */
    private String fittingLine(FileType type, boolean credentials, int budget) {
        for (int attempt = 0; attempt < 8; attempt++) {
            String line = line(type, credentials);
            if (size(line) <= budget) {
                return line;
            }
        }
        return null;
    }

    /** UTF-8 bytes of the lines with their newlines. */
    static int size(List<String> lines) {
        int total = 0;
        for (String line : lines) {
            total += size(line);
        }
        return total;
    }

    static int size(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    List<String> header(FileType type, String name) {
        return switch (type) {
            case JAVA ->
                List.of(
                        "package com.example." + noun() + ";",
                        "",
                        "import java.util.UUID;",
                        "",
                        "public class " + name + " {");
            case XML -> List.of("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<beans>");
            case PROPERTIES, ENV -> List.of("# " + name);
            case YAML -> List.of("# " + name, noun() + ":");
            case JSON -> List.of("{", "  \"items\": [");
            case MARKDOWN -> List.of("# " + capitalized(noun()) + " " + noun(), "");
        };
    }

    /** How many lines {@link #header} returns. */
    static int headerLines(FileType type) {
        return switch (type) {
            case JAVA -> 5;
            case PROPERTIES, ENV -> 1;
            case XML, YAML, JSON, MARKDOWN -> 2;
        };
    }

    static List<String> footer(FileType type) {
        return switch (type) {
            case JAVA -> List.of("}");
            case XML -> List.of("</beans>");
            case JSON -> List.of("    {}", "  ]", "}");
            case PROPERTIES, ENV, YAML, MARKDOWN -> List.of();
        };
    }

    /** One body line of ordinary text of this type, naming credentials as often as files do. */
    String line(FileType type) {
        return line(type, random.nextInt(100) < CREDENTIAL_FILES_PERCENT);
    }

    private String line(FileType type, boolean credentials) {
        String line = anyLine(type);
        while (!credentials && namesCredentials(line)) {
            line = anyLine(type);
        }
        return line;
    }

    private static boolean namesCredentials(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return lower.contains("secret")
                || lower.contains("clientid")
                || lower.contains("client-id")
                || lower.contains("client_id");
    }

    private String anyLine(FileType type) {
        return switch (type) {
            case JAVA -> javaLine();
            case XML -> xmlLine();
            case PROPERTIES -> propertiesLine();
            case YAML -> yamlLine();
            case JSON -> jsonLine();
            case MARKDOWN -> markdownLine();
            case ENV -> envLine();
        };
    }

    /** Percent of body lines that hold a long token (hash, Base64, JWT): most text has few. */
    private boolean dataLine(int percent) {
        return random.nextInt(100) < percent;
    }

    private String javaLine() {
        String n = noun();
        String t = capitalized(n);
        if (dataLine(5)) {
            return switch (random.nextInt(10)) {
                case 0, 1, 2 -> "        UUID requestId = UUID.fromString(\"" + uuid() + "\");";
                case 3, 4 -> "    private static final String CHECKSUM = \"" + hex(32) + "\";";
                case 5 -> "    private static final String SAMPLE_TOKEN = \"" + jwt() + "\";";
                case 6 -> "    private static final String ICON_PNG = \"" + base64(60 + random.nextInt(240)) + "\";";
                default -> "        String legacy = \"" + notAKey() + "\";";
            };
        }
        return switch (random.nextInt(20)) {
            case 0, 1 -> "    private final " + t + "Repository " + n + "Repository;";
            case 2, 3 -> "    public " + t + " " + verb() + t + "(String " + n + "Id) {";
            case 4, 5 -> "        " + t + " " + n + " = " + n + "Repository.findById(" + n + "Id).orElseThrow();";
            case 6 -> "        if (" + n + " == null || " + n + ".isEmpty()) {";
            case 7 -> "            throw new IllegalStateException(\"" + n + " not found: \" + " + n + "Id);";
            case 8, 9 -> "        }";
            case 10 -> "        log.debug(\"" + verb() + " " + n + " {} in {} ms\", " + n + "Id, elapsed);";
            case 11 -> "        String clientId = properties.getProperty(\"" + n + ".client-id\");";
            case 12 -> "        char[] secret = vault.read(\"" + n + "/secret\").toCharArray();";
            case 13 -> "        headers.setBasicAuth(clientId, clientSecret);";
            case 14 -> "    // TODO: " + verb() + " the " + n + " before the " + noun() + " is stored";
            case 15 -> "        return " + n + ";";
            case 16 -> "    /** Returns the " + n + " of the " + noun() + ", or null when the secret is not set. */";
            case 17 -> "        // Проверяем " + russian() + " и " + russian() + " перед отправкой";
            default -> "";
        };
    }

    private String xmlLine() {
        String n = noun();
        if (dataLine(8)) {
            return switch (random.nextInt(4)) {
                case 0 -> "  <entry key=\"" + n + ".checksum\">" + hex(20) + "</entry>";
                case 1 -> "  <signature>" + base64(128 + random.nextInt(256)) + "</signature>";
                default -> "  <legacyAuth>" + notAKey() + "</legacyAuth>";
            };
        }
        return switch (random.nextInt(8)) {
            case 0 ->
                "  <dependency><groupId>org." + n + "</groupId><artifactId>" + n + "-" + noun()
                        + "</artifactId><version>" + version() + "</version></dependency>";
            case 1, 2 ->
                "  <bean id=\"" + n + "Service\" class=\"com.example." + n + "." + capitalized(n) + "Service\"/>";
            case 3 -> "  <property name=\"" + n + ".clientId\" value=\"" + uuid() + "\"/>";
            case 4 -> "  <secretRef name=\"" + n + "-secret\" key=\"password\"/>";
            case 5 -> "  <clientSecret>${env." + n.toUpperCase(Locale.ROOT) + "_SECRET}</clientSecret>";
            default -> "  <!-- " + verb() + " the " + n + " of each " + noun() + " -->";
        };
    }

    private String propertiesLine() {
        String n = noun();
        if (dataLine(12)) {
            return switch (random.nextInt(3)) {
                case 0 -> n + ".signing-key=" + base64(32 + random.nextInt(32));
                case 1 -> n + ".legacy-auth=" + notAKey();
                default -> n + ".checksum=" + hex(32);
            };
        }
        return switch (random.nextInt(9)) {
            case 0, 1 -> n + "." + noun() + "." + verb() + "=" + noun();
            case 2 -> n + ".url=https://" + noun() + ".example.com/api/v" + (1 + random.nextInt(3)) + "/" + n;
            case 3 -> n + ".timeout=" + random.nextInt(60_000);
            case 4 -> n + ".instance-id=" + uuid();
            case 5 -> n + ".client-id=" + uuid();
            case 6 -> n + ".client-secret=${" + n.toUpperCase(Locale.ROOT) + "_CLIENT_SECRET}";
            default -> "# " + verb() + " the " + n + " of each " + noun();
        };
    }

    private String yamlLine() {
        String n = noun();
        if (dataLine(8)) {
            return switch (random.nextInt(8)) {
                case 0, 1, 2, 3 -> "    image: registry.example.com/" + n + "/" + noun() + "@sha256:" + hex(32);
                case 4, 5, 6 -> "    token: " + jwt();
                default -> "    ca-bundle: " + base64(200 + random.nextInt(600));
            };
        }
        return switch (random.nextInt(11)) {
            case 0 -> n + ":";
            case 1, 2 -> "  " + n + ":";
            case 3, 4 -> "    " + n + ": " + noun();
            case 5 -> "    url: https://" + n + ".example.com/" + noun();
            case 6 -> "    client-id: " + uuid();
            case 7 -> "    client-secret: ${" + n.toUpperCase(Locale.ROOT) + "_SECRET}";
            case 8 -> "    replicas: " + (1 + random.nextInt(9));
            case 9 -> "    - name: " + n + "-" + noun();
            default -> "  # " + verb() + " the " + n;
        };
    }

    private String jsonLine() {
        String n = noun();
        if (dataLine(15)) {
            return switch (random.nextInt(8)) {
                case 0, 1, 2, 3 ->
                    "    {\"name\": \"" + n + "\", \"version\": \"" + version()
                            + "\", \"resolved\": \"https://registry.npmjs.org/" + n + "/-/" + n + "-" + version()
                            + ".tgz\", \"integrity\": \"sha512-" + base64(64) + "\"},";
                case 4 -> "    {\"payload\": \"" + base64(100 + random.nextInt(300)) + "\"},";
                case 5 -> "    {\"legacy\": \"" + notAKey() + "\", \"sha1\": \"" + hex(20) + "\"},";
                default -> "    {\"jwt\": \"" + jwt() + "\"},";
            };
        }
        return switch (random.nextInt(5)) {
            case 0, 1, 2 ->
                "    {\"id\": \"" + uuid() + "\", \"name\": \"" + n + " " + noun() + "\", \"amount\": "
                        + random.nextInt(10_000) + "." + random.nextInt(10) + ", \"tags\": [\"" + noun() + "\", \""
                        + noun()
                        + "\"]},";
            case 3 ->
                "    {\"requestId\": \"" + uuid() + "\", \"clientId\": \"" + uuid() + "\", \"status\": \""
                        + STATUSES[random.nextInt(STATUSES.length)] + "\"},";
            default -> "    {\"secretName\": \"" + n + "-secret\", \"rotated\": true},";
        };
    }

    private String markdownLine() {
        String n = noun();
        if (dataLine(4)) {
            return switch (random.nextInt(4)) {
                case 0 -> "curl -H \"Authorization: Bearer " + jwt() + "\" https://api.example.com/v1/" + n;
                case 1 -> "![" + n + "](data:image/png;base64," + base64(150 + random.nextInt(300)) + ")";
                default -> "Request id: `" + uuid() + "`, checksum `" + hex(32) + "`.";
            };
        }
        return switch (random.nextInt(12)) {
            case 0, 1, 2, 3, 4, 5 -> prose(8 + random.nextInt(16));
            case 6 -> "";
            case 7 -> "## " + capitalized(verb()) + " the " + n;
            case 8 -> "| " + n + " | " + noun() + " | " + random.nextInt(1000) + " |";
            case 9 -> "- Set `" + n + ".client-id` and keep the client secret in the vault, never in the repository.";
            case 10 -> "```";
            default -> prose(4) + " " + russian() + " " + russian() + ".";
        };
    }

    private String envLine() {
        String n = noun().toUpperCase(Locale.ROOT);
        if (dataLine(10)) {
            return n + "_SIGNING_KEY=" + base64(48);
        }
        return switch (random.nextInt(5)) {
            case 0 -> n + "_" + noun().toUpperCase(Locale.ROOT) + "=" + noun();
            case 1 -> n + "_CLIENT_ID=" + uuid();
            case 2 -> n + "_CLIENT_SECRET=";
            case 3 -> n + "_URL=https://" + noun() + ".example.com";
            default -> "# " + verb() + " the " + noun();
        };
    }

    /** Base64 of text shaped almost, but not quite, like {@code UUID:secret}. */
    private String notAKey() {
        String text =
                switch (random.nextInt(4)) {
                    case 0 -> uuid() + ": " + noun(); // the secret may not start with a space
                    case 1 -> uuid() + ";" + noun() + noun();
                    case 2 -> noun() + ":" + uuid();
                    default -> uuid() + "-" + uuid();
                };
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private String prose(int words) {
        StringBuilder text = new StringBuilder(capitalized(noun()));
        for (int i = 1; i < words; i++) {
            text.append(' ').append(random.nextInt(5) == 0 ? verb() + "s" : random.nextInt(4) == 0 ? "the" : noun());
        }
        return text.append('.').toString();
    }

    String uuid() {
        String hex = hex(16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private String hex(int bytes) {
        return HEX.formatHex(bytes(bytes));
    }

    private String base64(int bytes) {
        return Base64.getEncoder().encodeToString(bytes(bytes));
    }

    private String jwt() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"sub\":\"" + uuid() + "\",\"scope\":\"" + noun() + "\",\"iat\":"
                + (1_700_000_000 + random.nextInt(50_000_000)) + "}";
        return url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + url.encodeToString(bytes(32));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private String version() {
        return random.nextInt(5) + "." + random.nextInt(20) + "." + random.nextInt(10);
    }

    String noun() {
        return NOUNS[random.nextInt(NOUNS.length)];
    }

    private String verb() {
        return VERBS[random.nextInt(VERBS.length)];
    }

    private String russian() {
        return RUSSIAN[random.nextInt(RUSSIAN.length)];
    }

    static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
