package io.github.gigachat.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which raised outcomes fail the build: INVALID always; VALID_UNPAID and UNKNOWN unless tolerated, each on its own. */
class VerifyResultTest {

    @ParameterizedTest(name = "raised {0}, failOnUnpaid={1}, failOnUnknown={2} -> fatal {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
        # raised by failing checks    | failOnUnpaid | failOnUnknown | fail the build
          -                           | true         | true          | -
          INVALID                     | false        | false         | INVALID
          VALID_UNPAID                | true         | true          | VALID_UNPAID
          VALID_UNPAID                | false        | true          | -
          UNKNOWN                     | true         | true          | UNKNOWN
          UNKNOWN                     | true         | false         | -
          VALID_UNPAID UNKNOWN        | false        | true          | UNKNOWN
          VALID_UNPAID UNKNOWN        | true         | false         | VALID_UNPAID
          VALID_UNPAID UNKNOWN        | false        | false         | -
          INVALID VALID_UNPAID UNKNOWN | false       | false         | INVALID
        """)
    void fatal(String raised, boolean failOnUnpaid, boolean failOnUnknown, String fatal) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.pass("credentials", "found"));
        if (!raised.equals("-")) {
            for (String outcome : raised.split(" ")) {
                checks.add(Check.fail("check-" + outcome, Outcome.valueOf(outcome), "failed"));
            }
        }
        checks.add(Check.warn("balance:GigaChat", "a warning raises nothing"));
        VerifyResult result = result(checks);

        assertThat(names(result.raised())).isEqualTo(raised);
        assertThat(names(result.fatal(failOnUnpaid, failOnUnknown))).isEqualTo(fatal);
    }

    @Test
    void aFailingCheckMustRaiseAFailureAndAPassNothing() {
        assertThatThrownBy(() -> Check.fail("x", Outcome.VALID_PAID, "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Check.fail("x", null, "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Check("x", Check.Status.PASS, "m", Outcome.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Check("x", Check.Status.WARN, "m", Outcome.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReportListsWhatWasRaisedAndWhatEachCheckRaises() {
        VerifyResult result = result(List.of(
                Check.fail("models", Outcome.UNKNOWN, "no list"),
                Check.fail("balance:embeddings", Outcome.VALID_UNPAID, "0 tokens")));

        String json = VerifyReports.json(result).replaceAll("\\s+", "");
        assertThat(json)
                .contains("\"raised\":[\"VALID_UNPAID\",\"UNKNOWN\"]")
                .contains("{\"name\":\"models\",\"status\":\"FAIL\",\"message\":\"nolist\",\"raises\":\"UNKNOWN\"}");
        assertThat(VerifyReports.junitXml(result))
                .contains("<property name=\"raised\" value=\"VALID_UNPAID,UNKNOWN\"/>")
                .contains("<failure type=\"UNKNOWN\" message=\"no list\">");
    }

    private static VerifyResult result(List<Check> checks) {
        return new VerifyResult(
                Outcome.VALID_PAID, "s", null, null, null, checks, Map.of(), List.of(), 0, false, false, List.of());
    }

    private static String names(java.util.Set<Outcome> outcomes) {
        return outcomes.isEmpty() ? "-" : outcomes.stream().map(Outcome::name).collect(Collectors.joining(" "));
    }
}
