package io.github.gigachat.scan;

import static io.github.gigachat.scan.KeyStatus.ACTIVE;
import static io.github.gigachat.scan.KeyStatus.DEMO;
import static io.github.gigachat.scan.KeyStatus.INACTIVE;
import static io.github.gigachat.scan.KeyStatus.UNKNOWN;
import static io.github.gigachat.scan.KeyStatus.UNVERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScanPolicyTest {
    @ParameterizedTest(name = "{0}, baselined {1}, failOn {2} -> fails {3}")
    @CsvSource({
        "ACTIVE,     false, 'ACTIVE,UNKNOWN,UNVERIFIED', true",
        "ACTIVE,     true,  'ACTIVE,UNKNOWN,UNVERIFIED', true",
        "UNKNOWN,    false, 'ACTIVE,UNKNOWN,UNVERIFIED', true",
        "UNKNOWN,    true,  'ACTIVE,UNKNOWN,UNVERIFIED', false",
        "UNVERIFIED, false, 'ACTIVE,UNKNOWN,UNVERIFIED', true",
        "UNVERIFIED, true,  'ACTIVE,UNKNOWN,UNVERIFIED', false",
        "INACTIVE,   false, 'ACTIVE,UNKNOWN,UNVERIFIED', false",
        "DEMO,       false, 'ACTIVE,UNKNOWN,UNVERIFIED', false",
        "INACTIVE,   false, 'ACTIVE,INACTIVE',           true",
        "INACTIVE,   true,  'ACTIVE,INACTIVE',           false",
        "DEMO,       false, 'DEMO',                      true",
        "UNKNOWN,    false, 'ACTIVE',                    false",
        "ACTIVE,     true,  'UNKNOWN',                   false",
    })
    void decidesWhatFailsTheBuild(KeyStatus status, boolean baselined, String failOn, boolean fails) {
        Set<KeyStatus> statuses = EnumSet.noneOf(KeyStatus.class);
        for (String name : failOn.split(",")) {
            statuses.add(KeyStatus.valueOf(name));
        }
        assertThat(ScanPolicy.fails(status, baselined, statuses)).isEqualTo(fails);
    }

    @ParameterizedTest
    @CsvSource({"active, ACTIVE", " Inactive , INACTIVE", "UNKNOWN, UNKNOWN", "unverified, UNVERIFIED", "demo, DEMO"})
    void parsesStatusesInAnyCase(String text, KeyStatus status) {
        assertThat(KeyStatus.parse(text)).contains(status);
    }

    @org.junit.jupiter.api.Test
    void theDefaultsFailOnWhatIsNotProvenDead() {
        assertThat(KeyStatus.DEFAULT_FAIL_ON).containsExactlyInAnyOrder(ACTIVE, UNKNOWN, UNVERIFIED);
        assertThat(KeyStatus.parse("REVOKED")).isEmpty();
        assertThat(EnumSet.complementOf(EnumSet.copyOf(KeyStatus.DEFAULT_FAIL_ON)))
                .containsExactly(INACTIVE, DEMO);
    }
}
