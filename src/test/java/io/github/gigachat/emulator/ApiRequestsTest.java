package io.github.gigachat.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming parser of {@code /embeddings} and {@code /tokens/count} bodies. */
class ApiRequestsTest {
    private static ApiRequests.Body parse(String json) {
        return ApiRequests.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static int statusOf(String json) {
        try {
            ApiRequests.Body body = parse(json);
            ApiRequests.input(body);
            return body.model() == null || body.model().isEmpty() ? 422 : 200;
        } catch (ApiException e) {
            return e.toResponse().status();
        }
    }

    @Test
    void readsModelAndInputAndSkipsEverythingElse() {
        ApiRequests.Body body = parse("{\"extra\":{\"nested\":[1,{\"model\":\"no\"}]},\"model\":\"Embeddings\","
                + "\"input\":[\"Привет\",\"😀 \\\"quoted\\\"\\n\"],\"dimensions\":null}");

        assertThat(body.model()).isEqualTo("Embeddings");
        assertThat(body.input()).containsExactly("Привет", "😀 \"quoted\"\n");
    }

    @Test
    void aRepeatedFieldCountsWithItsLastValue() {
        ApiRequests.Body body = parse("{\"model\":\"A\",\"input\":[1],\"model\":\"B\",\"input\":[\"x\"]}");

        assertThat(body.model()).isEqualTo("B");
        assertThat(body.input()).containsExactly("x");
    }

    @Test
    void fieldsOfAnotherTypeReadAsMissing() {
        ApiRequests.Body body = parse("{\"model\":{\"id\":\"Embeddings\"},\"input\":[\"a\",[\"b\"]]}");

        assertThat(body.model()).isNull();
        assertThat(body.input()).isNull();
        assertThat(parse("{\"model\":7,\"input\":\"a\"}")).isEqualTo(new ApiRequests.Body(null, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "   ", "{\"model\":", "{\"input\":[\"a\",}", "{} {}", "{\"a\":1} trailing", "[1,", "nul"})
    void malformedJsonAnywhereIs400(String json) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.toResponse().status()).isEqualTo(400))
                .hasMessage("Invalid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[\"a\"]", "\"text\"", "null", "42"})
    void wellFormedJsonThatIsNotAnObjectIs422(String json) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.toResponse().status()).isEqualTo(422))
                .hasMessage("Request body must be a JSON object");
    }

    @Test
    void inputMustBeANonEmptyArrayOfStringsAndModelANonEmptyString() {
        assertThat(statusOf("{\"model\":\"m\",\"input\":[\"a\"]}")).isEqualTo(200);
        assertThat(statusOf("{\"model\":\"m\",\"input\":[]}")).isEqualTo(422);
        assertThat(statusOf("{\"model\":\"m\"}")).isEqualTo(422);
        assertThat(statusOf("{\"model\":\"\",\"input\":[\"a\"]}")).isEqualTo(422);
        assertThat(ApiRequests.input(parse("{\"input\":[\"a\",\"b\"]}"))).isEqualTo(List.of("a", "b"));
    }
}
