package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextChunkerTest {
    private static final Pattern LONE_HEADING = Pattern.compile("#{1,6} [^\\n]*");

    static TextFile fixture(String name) throws IOException {
        try (InputStream in = TextChunkerTest.class.getResourceAsStream("/embed/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new TextFile(Path.of(name), "docs/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<Chunk> split(TextFile file, int max, int overlap) {
        List<Chunk> chunks = new TextChunker(new ChunkerSettings(max, overlap)).split(file);
        assertWellFormed(file, chunks, max, overlap);
        return chunks;
    }

    static Chunk chunkContaining(List<Chunk> chunks, String text) {
        return chunks.stream()
                .filter(c -> c.text().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chunk contains '" + text + "'"));
    }

    /** What every chunking must satisfy, whatever the input and the settings. */
    static void assertWellFormed(TextFile file, List<Chunk> chunks, int max, int overlap) {
        String text = file.text();
        boolean[] covered = new boolean[text.length()];
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            String where = file.relativePath() + " " + chunk;
            assertThat(chunk.index()).as(where).isEqualTo(i);
            assertThat(chunk.source()).isEqualTo(file.relativePath());
            assertThat(text.substring(chunk.start(), chunk.end())).as(where).isEqualTo(chunk.text());
            assertThat(chunk.text()).as(where).isNotEmpty();
            assertThat(TokenEstimator.isSpace(chunk.text().codePointAt(0)))
                    .as(where + " starts with whitespace")
                    .isFalse();
            assertThat(TokenEstimator.isSpace(
                            chunk.text().codePointBefore(chunk.text().length())))
                    .as(where + " ends with whitespace")
                    .isFalse();
            assertThat(TokenEstimator.estimate(chunk.text())).as(where).isLessThanOrEqualTo(max);
            assertThat(chunk.sha256()).as(where).isEqualTo(sha256(chunk.text()));
            if (i > 0) {
                Chunk previous = chunks.get(i - 1);
                assertThat(chunk.start()).as(where).isGreaterThan(previous.start());
                assertThat(chunk.end()).as(where).isGreaterThan(previous.end());
                if (overlap == 0) {
                    assertThat(chunk.start()).as(where).isGreaterThanOrEqualTo(previous.end());
                } else if (chunk.start() < previous.end()) {
                    String repeated = text.substring(chunk.start(), previous.end());
                    assertThat(previous.text()).as(where).endsWith(repeated);
                    assertThat(TokenEstimator.isSpace(text.codePointBefore(chunk.start())))
                            .as(where + " overlap starts inside a word")
                            .isTrue();
                    assertThat(TokenEstimator.estimate(repeated)).as(where).isLessThanOrEqualTo(overlap);
                }
            }
            for (int k = chunk.start(); k < chunk.end(); k++) {
                covered[k] = true;
            }
        }
        for (int k = 0; k < text.length(); k++) {
            if (!covered[k] && !TokenEstimator.isSpace(text.charAt(k))) {
                throw new AssertionError(
                        file.relativePath() + ": character " + k + " ('" + text.charAt(k) + "') is in no chunk");
            }
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TextFile markdown(String text) {
        return new TextFile(Path.of("t.md"), "t.md", text);
    }

    @Test
    void aSmallDocumentIsOneChunkUnderItsTitle() throws IOException {
        TextFile file = fixture("guide-en.md");
        List<Chunk> chunks = split(file, 2048, 0);
        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.start()).isZero();
            assertThat(chunk.end()).isEqualTo(file.text().stripTrailing().length());
            assertThat(chunk.headings()).containsExactly("Acme Search Guide");
        });
    }

    @Test
    void everyChunkRemembersItsHeadingPath() throws IOException {
        List<Chunk> chunks = split(fixture("guide-en.md"), 64, 0);
        assertThat(chunks.size()).isGreaterThan(3);
        assertThat(chunkContaining(chunks, "Vectors that are already in the cache")
                        .headings())
                .containsExactly("Acme Search Guide", "Installation", "Offline builds");
        assertThat(chunkContaining(chunks, "The key is never a POM parameter").headings())
                .containsExactly("Acme Search Guide", "Configuration", "Credentials");
        assertThat(chunkContaining(chunks, "PKIX error").headings())
                .containsExactly("Acme Search Guide", "Troubleshooting");
    }

    @Test
    void russianHeadingsAndSentences() throws IOException {
        List<Chunk> chunks = split(fixture("guide-ru.md"), 64, 0);
        assertThat(chunkContaining(chunks, "плагин не обращается к сети").headings())
                .containsExactly("Руководство по поиску", "Установка", "Сборка без сети");
        assertThat(chunkContaining(chunks, "Ключ никогда не бывает параметром POM")
                        .headings())
                .containsExactly("Руководство по поиску", "Настройка", "Ключ доступа");
    }

    @Test
    void hashLinesInFencedCodeAreNotHeadingsAndTheBlockStaysWhole() throws IOException {
        TextFile en = fixture("guide-en.md");
        TextFile ru = fixture("guide-ru.md");
        for (int max : new int[] {64, 128, 512}) {
            String block =
                    en.text().substring(en.text().indexOf("```bash"), en.text().indexOf("```\n", 400) + 3);
            List<Chunk> chunks = split(en, max, 0);
            assertThat(chunkContaining(chunks, "```bash").text()).contains(block);
            assertThat(chunks).allSatisfy(c -> assertThat(c.headings())
                    .noneMatch(h -> h.contains("shell comment") || h.contains("Neither")));

            String tilde =
                    ru.text().substring(ru.text().indexOf("~~~java"), ru.text().lastIndexOf("~~~") + 3);
            List<Chunk> russian = split(ru, max, 0);
            assertThat(chunkContaining(russian, "~~~java").text()).contains(tilde);
            assertThat(russian).allSatisfy(c -> assertThat(c.headings()).noneMatch(h -> h.contains("Это не")));
        }
    }

    @Test
    void aCodeBlockLargerThanTheLimitIsSplitBetweenLines() {
        String code = IntStream.range(0, 120)
                .mapToObj(i -> "    # step " + i + "\n    call(" + i + ");")
                .collect(Collectors.joining("\n"));
        TextFile file = markdown("# Script\n\nIntro.\n\n```python\n" + code + "\n```\n\nAfter.\n");
        List<Chunk> chunks = split(file, 40, 0);
        assertThat(chunks.size()).isGreaterThan(5);
        for (Chunk chunk : chunks) {
            assertThat(chunk.headings()).containsExactly("Script");
            char next = chunk.end() < file.text().length() ? file.text().charAt(chunk.end()) : '\n';
            assertThat(next).as(chunk.text()).isEqualTo('\n');
        }
    }

    @Test
    void aHeadingIsPackedWithItsText() throws IOException {
        for (String name : List.of("guide-en.md", "guide-ru.md")) {
            for (int max : new int[] {48, 64, 128, 512}) {
                List<Chunk> chunks = split(fixture(name), max, 0);
                assertThat(chunks)
                        .as(name + " at " + max)
                        .noneMatch(c -> LONE_HEADING.matcher(c.text()).matches());
            }
        }
    }

    @Test
    void smallSectionsShareAChunkAndChunksEndBetweenSections() {
        StringBuilder faq = new StringBuilder("# FAQ\n\n");
        for (int i = 1; i <= 12; i++) {
            faq.append("## Question ")
                    .append(i)
                    .append("\n\nThe answer to question ")
                    .append(i)
                    .append(" is short and to the point.\n\n");
        }
        TextFile file = markdown(faq.toString());

        assertThat(split(file, 512, 0)).singleElement().satisfies(c -> assertThat(c.headings())
                .containsExactly("FAQ"));

        List<Chunk> chunks = split(file, 64, 0);
        assertThat(chunks.size()).isBetween(3, 6);
        for (Chunk chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat(file.text().substring(chunk.end())).as(chunk.text()).startsWith("\n\n## Question");
            assertThat(TokenEstimator.estimate(chunk.text())).isGreaterThanOrEqualTo(16);
        }
    }

    @Test
    void aLargeSectionIsCutBetweenParagraphsIntoFullChunks() {
        StringBuilder text = new StringBuilder("# Big\n\n");
        for (int i = 0; i < 20; i++) {
            text.append("Paragraph ").append(i).append(" says a few words about the topic at hand, then stops.\n\n");
        }
        TextFile file = markdown(text.toString());
        List<Chunk> chunks = split(file, 128, 0);
        assertThat(chunks.size()).isBetween(4, 8);
        for (Chunk chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat(chunk.text()).endsWith("then stops.");
            assertThat(TokenEstimator.estimate(chunk.text())).isGreaterThanOrEqualTo(64);
        }
    }

    @Test
    void aCutInsideASectionLeavesNoScrapToOpenTheNextSection() throws IOException {
        List<Chunk> chunks = split(fixture("guide-en.md"), 64, 0);
        Chunk end = chunkContaining(chunks, "never the value");
        assertThat(end.text()).doesNotContain("Troubleshooting");
        assertThat(end.headings()).containsExactly("Acme Search Guide", "Configuration", "Credentials");
    }

    @Test
    void hardWrappedProseIsCutAtSentenceEndsRatherThanLineBreaks() throws IOException {
        String paragraph = "The cache is keyed by the model, the text and the chunker settings. A chunk whose text\n"
                + "did not change is never sent again, not even after a clean build. Corrupt entries are\n"
                + "detected and embedded again. Writes are atomic, so two builds may share one cache\n"
                + "directory without harm. Nothing here needs to be configured by hand.";
        TextFile file = markdown("# Cache\n\n" + paragraph + "\n\n" + paragraph + "\n");
        List<Chunk> chunks = split(file, 64, 0);
        assertThat(chunks.size()).isGreaterThan(2);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).endsWith("."));

        // a sentence end a little short of half the limit still beats a line break further on
        List<Chunk> russian = split(fixture("guide-ru.md"), 64, 0);
        assertThat(chunkContaining(russian, "Плагин читает параметры").text()).endsWith("из системных свойств.");
    }

    @Test
    void aLongRussianParagraphIsCutAtSentenceEnds() {
        String sentence = "Каждый фрагмент документации получает собственный вектор, и поиск находит ближайший. ";
        String paragraph = sentence.repeat(40) + "Вопрос? Ответ! Многоточие… Конец.";
        TextFile file = new TextFile(Path.of("ru.txt"), "ru.txt", paragraph);
        List<Chunk> chunks = split(file, 64, 0);
        assertThat(chunks.size()).isGreaterThan(10);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.text()).matches("(?s).*[.!?…]");
            assertThat(c.headings()).isEmpty();
        });
    }

    @Test
    void aWordLongerThanTheLimitIsCutIntoCharacters() {
        String word = "x".repeat(3000);
        TextFile file = new TextFile(Path.of("w.txt"), "w.txt", "see " + word + " end");
        List<Chunk> chunks = split(file, 32, 0);
        String joined = chunks.stream().map(Chunk::text).collect(Collectors.joining());
        assertThat(joined.replace(" ", "")).isEqualTo("see" + word + "end");
        int estimate = TokenEstimator.estimate(word);
        assertThat(chunks.size()).as("reasonably full chunks").isLessThanOrEqualTo(estimate / 16 + 2);
    }

    @Test
    void overlapRepeatsTheEndOfThePreviousChunk() throws IOException {
        for (String name : List.of("guide-en.md", "guide-ru.md")) {
            TextFile file = fixture(name);
            List<Chunk> plain = split(file, 64, 0);
            List<Chunk> overlapping = split(file, 64, 16);
            assertThat(overlapping.size()).isGreaterThanOrEqualTo(plain.size());
            long withOverlap = IntStream.range(1, overlapping.size())
                    .filter(i ->
                            overlapping.get(i).start() < overlapping.get(i - 1).end())
                    .count();
            assertThat(withOverlap).as(name).isEqualTo(overlapping.size() - 1);
            assertThat(IntStream.range(1, overlapping.size())
                            .map(i -> TokenEstimator.estimate(file.text()
                                    .substring(
                                            overlapping.get(i).start(),
                                            overlapping.get(i - 1).end())))
                            .max()
                            .orElseThrow())
                    .as("some overlap comes close to the 16 tokens asked for")
                    .isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void plainTextHasParagraphsButNoHeadings() throws IOException {
        TextFile file = fixture("notes.txt");
        List<Chunk> chunks = split(file, 16, 0);
        assertThat(chunks).allSatisfy(c -> assertThat(c.headings()).isEmpty());
        assertThat(chunkContaining(chunks, "# This is not a heading").text()).startsWith("# This is not a heading");
        assertThat(split(file, 512, 0)).singleElement();
    }

    @Test
    void asciiDocSectionsAndListingBlocks() throws IOException {
        List<Chunk> chunks = split(fixture("manual.adoc"), 32, 0);
        assertThat(chunkContaining(chunks, "Details of the first steps").headings())
                .containsExactly("Acme Manual", "Getting started", "Details");
        assertThat(chunkContaining(chunks, "Every property is listed").headings())
                .containsExactly("Acme Manual", "Reference");
        assertThat(chunkContaining(chunks, "= not a heading").headings())
                .containsExactly("Acme Manual", "Getting started");
        assertThat(chunkContaining(chunks, "Preamble").headings()).containsExactly("Acme Manual");
    }

    @Test
    void markdownSyntaxIsOnlyForMarkdownFiles() {
        String text = "# Title\n\nBody text here.";
        assertThat(split(markdown(text), 512, 0).get(0).headings()).containsExactly("Title");
        assertThat(split(new TextFile(Path.of("a.MARKDOWN"), "a.MARKDOWN", text), 512, 0)
                        .get(0)
                        .headings())
                .containsExactly("Title");
        assertThat(split(new TextFile(Path.of("a.txt"), "a.txt", text), 512, 0)
                        .get(0)
                        .headings())
                .isEmpty();
    }

    @Test
    void offsetsSurviveWindowsLineEndingsAndAreNotNormalised() {
        String text =
                "# Title\r\n\r\nFirst paragraph, first line.\r\nSecond line.\r\n\r\n## Next\r\n\r\nMore text.\r\n";
        TextFile file = markdown(text);
        List<Chunk> chunks = split(file, 24, 0);
        assertThat(chunkContaining(chunks, "first line.").text()).contains("first line.\r\nSecond");
        assertThat(chunkContaining(chunks, "More text").headings()).containsExactly("Title", "Next");
    }

    @Test
    void chunksAreDeterministicAndHashedOverUtf8() throws IOException {
        TextFile file = fixture("guide-ru.md");
        TextChunker chunker = new TextChunker(new ChunkerSettings(48, 8));
        assertThat(chunker.split(file)).isEqualTo(new TextChunker(new ChunkerSettings(48, 8)).split(file));
        assertThat(split(markdown("Hello"), 16, 0))
                .singleElement()
                .extracting(Chunk::sha256)
                .isEqualTo("185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969");
    }

    @Test
    void aFileOfOnlyWhitespaceHasNoChunks() {
        assertThat(new TextChunker(new ChunkerSettings(16, 0)).split(markdown(" \n\t\r\n\u00a0 ")))
                .isEmpty();
    }

    @Test
    void asciiDocTakesOnlyEqualsSignsForTitlesAndMarkdownOnlyHashes() {
        String text = "== Section\n\nBody of the section, long enough to need a chunk of its own.\n\n# hash line\n\n"
                + "More body, again long enough to need a chunk of its own.";
        List<Chunk> adoc = split(new TextFile(Path.of("a.adoc"), "a.adoc", text), 16, 0);
        assertThat(chunkContaining(adoc, "hash line").headings()).containsExactly("Section");
        List<Chunk> md = split(markdown(text), 16, 0);
        assertThat(chunkContaining(md, "More body").headings()).containsExactly("hash line");
        assertThat(chunkContaining(md, "Body of the section").headings()).isEmpty();
    }

    @Test
    void aResplitChunkBecomesSmallerPiecesWithFileOffsetsAndItsHeadings() throws IOException {
        TextFile file = fixture("guide-en.md");
        Chunk chunk = chunkContaining(split(file, 128, 0), "Vectors that are already in the cache");
        int estimate = TokenEstimator.estimate(chunk.text());

        List<Chunk> pieces = new TextChunker(new ChunkerSettings(128, 0)).resplit(chunk, estimate / 3);

        assertThat(pieces).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < pieces.size(); i++) {
            Chunk piece = pieces.get(i);
            assertThat(piece.index()).isEqualTo(i);
            assertThat(piece.source()).isEqualTo(chunk.source());
            assertThat(file.text().substring(piece.start(), piece.end())).isEqualTo(piece.text());
            assertThat(piece.start()).isBetween(chunk.start(), chunk.end());
            assertThat(piece.end()).isBetween(chunk.start(), chunk.end());
            assertThat(TokenEstimator.estimate(piece.text())).isLessThanOrEqualTo(estimate / 3);
            assertThat(piece.headings()).isEqualTo(chunk.headings());
            assertThat(piece.sha256()).isEqualTo(sha256(piece.text()));
            if (i > 0) {
                assertThat(piece.start())
                        .isGreaterThanOrEqualTo(pieces.get(i - 1).end());
            }
        }
        assertThat(pieces.get(0).start()).isEqualTo(chunk.start());
        assertThat(pieces.get(pieces.size() - 1).end()).isEqualTo(chunk.end());
    }

    @Test
    void aResplitGoesDownToSingleCharactersButNoFurther() {
        TextFile file = markdown("abcdefghijklmnopqrstuvwxyz".repeat(2));
        Chunk whole = split(file, 16, 0).get(0);
        TextChunker chunker = new TextChunker(new ChunkerSettings(16, 0));

        List<Chunk> pieces = chunker.resplit(whole, 1);

        assertThat(pieces).extracting(Chunk::text).allSatisfy(t -> assertThat(TokenEstimator.estimate(t))
                .isLessThanOrEqualTo(TextChunker.SMALLEST_RESPLIT));
        assertThat(String.join("", pieces.stream().map(Chunk::text).toList()))
                .isEqualTo("abcdefghijklmnopqrstuvwxyz".repeat(2));
        Chunk single = split(markdown("😀"), 16, 0).get(0);
        assertThat(chunker.resplit(single, 1)).isEmpty();
    }

    /**
     * Cache keys depend on what the chunker produces: if this fingerprint changes, bump
     * {@link ChunkerSettings#ALGORITHM_VERSION}, or make the change not alter any chunk.
     */
    @Test
    void theChunkingOfAGeneratedCorpusIsPinned() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        int[][] settings = {{16, 0}, {16, 8}, {24, 0}, {32, 8}, {64, 0}, {64, 32}, {128, 16}, {512, 0}, {512, 100}};
        long seed = 0;
        for (int[] s : settings) {
            for (String name : List.of("mixed.md", "mixed.adoc", "mixed.txt")) {
                TextFile file = new TextFile(Path.of(name), name, generate(new Random(seed++), 20_000));
                for (Chunk c : new TextChunker(new ChunkerSettings(s[0], s[1])).split(file)) {
                    digest.update(
                            (c.index() + ":" + c.start() + ":" + c.end() + ":" + c.headings() + ":" + c.sha256() + "\n")
                                    .getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo("b131b27bd4da92d7bc9ad65818fd79741b714aabf2b6b437039a7b9eae85f4a0");
    }

    @ParameterizedTest(name = "max {0}, overlap {1}, seed {2}")
    @CsvSource({
        "16, 0, 1",
        "16, 8, 2",
        "16, 15, 3",
        "24, 0, 4",
        "32, 8, 5",
        "64, 0, 6",
        "64, 32, 7",
        "128, 16, 8",
        "512, 0, 9",
        "512, 100, 10",
        "100, 99, 11"
    })
    void limitsAndOffsetsHoldForVariedInput(int max, int overlap, long seed) {
        for (String name : List.of("mixed.md", "mixed.adoc", "mixed.txt")) {
            TextFile file = new TextFile(Path.of(name), name, generate(new Random(seed), 30_000));
            assertWellFormed(file, new TextChunker(new ChunkerSettings(max, overlap)).split(file), max, overlap);
        }
    }

    @Test
    void aLargeInputKeepsEveryProperty() {
        TextFile file = new TextFile(Path.of("big.md"), "big.md", generate(new Random(42), 2_000_000));
        assertThat(file.text().length()).isGreaterThanOrEqualTo(2_000_000);
        List<Chunk> chunks = split(file, 512, 0);
        assertThat(chunks.size()).isGreaterThan(1000);
        split(file, 512, 64);
    }

    private static final String[] ENGLISH =
            ("the build embeds every chunk of documentation once and keeps the vectors in a cache so that"
                            + " nothing is paid twice when the text did not change")
                    .split(" ");
    private static final String[] RUSSIAN = ("сборка вычисляет векторы документации один раз и хранит их в кэше чтобы"
                    + " за неизменённый текст не платить дважды")
            .split(" ");

    /** Markdown-ish text of every kind the chunker meets: prose in two languages, headings, code, lists, oddities. */
    static String generate(Random random, int length) {
        StringBuilder text = new StringBuilder(length + 1000);
        String newline = random.nextBoolean() ? "\n" : "\r\n";
        while (text.length() < length) {
            switch (random.nextInt(10)) {
                case 0 ->
                    text.append("#".repeat(1 + random.nextInt(6)))
                            .append(' ')
                            .append(words(random, 1 + random.nextInt(5)));
                case 1 -> {
                    String fence = random.nextBoolean() ? "```" : "~~~";
                    text.append(fence).append(newline);
                    int lines = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 8);
                    for (int i = 0; i < lines; i++) {
                        text.append(random.nextBoolean() ? "# comment " : "    x = call(")
                                .append(random.nextInt(100_000))
                                .append(");")
                                .append(newline);
                    }
                    text.append(fence);
                }
                case 2 -> {
                    for (int i = 0; i < 2 + random.nextInt(6); i++) {
                        text.append("- ")
                                .append(words(random, 3 + random.nextInt(10)))
                                .append(newline);
                    }
                }
                case 3 -> text.append("y".repeat(1 + random.nextInt(random.nextInt(5) == 0 ? 4000 : 40)));
                case 4 -> text.append("Числа 12345 и 3.14159, эмодзи 🚀🚀, неразрывный\u00a0пробел — «кавычки»…");
                case 5 ->
                    text.append("= ")
                            .append(words(random, 3))
                            .append(newline)
                            .append("----")
                            .append(newline)
                            .append("= inside")
                            .append(newline)
                            .append("----");
                default -> {
                    int sentences = 1 + random.nextInt(random.nextInt(8) == 0 ? 120 : 6);
                    for (int i = 0; i < sentences; i++) {
                        text.append(words(random, 3 + random.nextInt(25)))
                                .append(".!?…".charAt(random.nextInt(4)))
                                .append(random.nextInt(4) == 0 ? newline : " ");
                    }
                }
            }
            text.append(newline.repeat(1 + random.nextInt(3)));
        }
        return text.toString();
    }

    private static String words(Random random, int count) {
        StringBuilder words = new StringBuilder();
        String[] vocabulary = random.nextBoolean() ? ENGLISH : RUSSIAN;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                words.append(' ');
            }
            words.append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return words.toString();
    }
}
