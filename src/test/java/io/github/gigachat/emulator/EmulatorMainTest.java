package io.github.gigachat.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmulatorMainTest {
    @Test
    void printsTheUrlsAndTheFourDemoKeysThatTheEmulatorAccepts() throws Exception {
        try (GigaChatEmulator emulator =
                GigaChatEmulator.builder().demoAccounts().start()) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            EmulatorMain.describe(emulator, new PrintStream(buffer, true, StandardCharsets.UTF_8));
            String printed = buffer.toString(StandardCharsets.UTF_8);

            assertThat(printed)
                    .contains(emulator.authUrl().toString())
                    .contains(emulator.baseUrl().toString())
                    .contains(EmulatorAccount.DEMO_PERS_PAID.authorizationKey())
                    .contains(EmulatorAccount.DEMO_B2B_PAID.authorizationKey())
                    .contains(EmulatorAccount.DEMO_CORP_POSTPAID.authorizationKey())
                    .contains(EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey())
                    .doesNotContain(EmulatorAccount.DEMO_PERS_PAID.secret() + "\n");
            EmulatorHttp http = new EmulatorHttp(emulator);
            for (EmulatorAccount demo : new EmulatorAccount[] {
                EmulatorAccount.DEMO_PERS_PAID,
                EmulatorAccount.DEMO_B2B_PAID,
                EmulatorAccount.DEMO_CORP_POSTPAID,
                EmulatorAccount.DEMO_PERS_UNPAID
            }) {
                assertThat(http.token(demo.authorizationKey(), demo.scope()).statusCode())
                        .isEqualTo(200);
            }
        }
    }
}
