package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.emulator.GigaChatEmulator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenEstimatorTest {
    @Test
    void overEstimatesWhatTheApiCounted() {
        // POST /tokens/count answered 2 for "First text" (docs/gigachat-api.md)
        assertThat(TokenEstimator.estimate("First text"))
                .isGreaterThanOrEqualTo(2)
                .isEqualTo(4);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|0",
                "a|1",
                "text|2",
                "documentation|4",
                "привет|3",
                "документация|5",
                "Javaшный|4",
                "2025|2",
                "3.14|3",
                "'«да» — нет…'|7",
                "→|2",
                "🚀|4",
                "'a  b'|3",
                "'a\nb'|3",
                "'a\r\nb'|3",
                "'a\u00a0b'|2",
                "中文|2",
            })
    void followsItsDocumentedFormula(String text, int expected) {
        assertThat(TokenEstimator.estimate(text)).isEqualTo(expected);
    }

    @Test
    void russianCostsMoreThanEnglishOfTheSameLength() {
        String english = "The plugin computes the vectors of the documentation once, at build time.";
        String russian = "Плагин вычисляет векторы документации один раз, во время сборки проекта.";
        assertThat(TokenEstimator.estimate(russian)).isGreaterThan(TokenEstimator.estimate(english));
        // at least one token per 2.5 Cyrillic letters and per 4 Latin letters: the guidance ratios
        assertThat(TokenEstimator.estimate(russian)).isGreaterThanOrEqualTo(letters(russian) * 2 / 5);
        assertThat(TokenEstimator.estimate(english)).isGreaterThanOrEqualTo(letters(english) / 4);
    }

    @Test
    void neverBelowTheEmulatorsCountForTextThatIsNotOnlyWhitespace() {
        Random random = new Random(7);
        String alphabet = "abcxyzABCабвгдеёжЯ0123456789 .,;:!?-—«»()\n\t\u00a0🚀中→";
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder("x");
            int length = random.nextInt(300);
            for (int i = 0; i < length; i++) {
                int at = random.nextInt(alphabet.length());
                if (Character.isLowSurrogate(alphabet.charAt(at))) {
                    at--;
                }
                text.appendCodePoint(alphabet.codePointAt(at));
            }
            assertThat(TokenEstimator.estimate(text))
                    .as(text.toString())
                    .isGreaterThanOrEqualTo(GigaChatEmulator.countTokens(text.toString()));
        }
    }

    @Test
    void cuttingInsideAWordNeverLowersTheSum() {
        // the chunker adds up the estimates of pieces; that is only safe if the whole never costs more
        Random random = new Random(11);
        String[] pieces = {"word", "слово", "12345", "x", "ж", "...", "🚀", "Mixed–Смесь"};
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String word = text.toString();
            int cut = random.nextInt(word.length() + 1);
            if (cut > 0 && cut < word.length() && Character.isLowSurrogate(word.charAt(cut))) {
                cut--;
            }
            assertThat(TokenEstimator.estimate(word.substring(0, cut)) + TokenEstimator.estimate(word.substring(cut)))
                    .as(word + " cut at " + cut)
                    .isGreaterThanOrEqualTo(TokenEstimator.estimate(word));
        }
    }

    @Test
    void theIncrementalCounterAgreesWithTheEstimate() {
        String text = "## Заголовок\r\n\r\nText with 42 words — and «quotes»… 🚀\n\t  indented";
        TokenEstimator.Counter counter = new TokenEstimator.Counter();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            counter.add(cp);
            i += Character.charCount(cp);
            assertThat(counter.tokens()).isEqualTo(TokenEstimator.estimate(text.substring(0, i)));
        }
    }

    @Test
    void theFastPathsAgreeWithTheirDefinitionsForEveryCodePoint() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            if (TokenEstimator.isSpace(cp) != space) {
                throw new AssertionError("isSpace(U+" + Integer.toHexString(cp) + ")");
            }
            if (!space && TokenEstimator.Counter.classify(cp) != TokenEstimator.Counter.classifySlowly(cp)) {
                throw new AssertionError("classify(U+" + Integer.toHexString(cp) + ")");
            }
        }
    }

    @Test
    void billingOverheadIsWhatTheRecordedResponseShowed() {
        // "First text": 2 by /tokens/count, 7 prompt_tokens billed
        assertThat(2 + TokenEstimator.BILLING_OVERHEAD_PER_TEXT).isEqualTo(7);
    }

    private static int letters(String text) {
        return (int) text.codePoints().filter(Character::isLetter).count();
    }
}
