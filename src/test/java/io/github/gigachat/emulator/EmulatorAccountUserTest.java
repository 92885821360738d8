package io.github.gigachat.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorAccountUserTest {
    @Test
    void withUserReturnsACopyAndLeavesTheOriginalAlone() {
        EmulatorAccount plain = EmulatorAccount.DEMO_B2B_PAID;
        EmulatorAccount withUser = plain.withUser("robot", "robot-password");

        assertThat(plain.user()).isNull();
        assertThat(plain.password()).isNull();
        assertThat(withUser.user()).isEqualTo("robot");
        assertThat(withUser.password()).isEqualTo("robot-password");
        assertThat(withUser.clientId()).isEqualTo(plain.clientId());
        assertThat(withUser.revoked().user()).isEqualTo("robot");
        assertThat(withUser.withModels(List.of("Embeddings")).password()).isEqualTo("robot-password");
        assertThat(withUser.toString()).doesNotContain("robot-password").doesNotContain(plain.secret());
    }

    @Test
    void theDemoUserBelongsToThePaidPersonalAccount() {
        assertThat(EmulatorAccount.DEMO_USER).isEqualTo("demo-user");
        assertThat(EmulatorAccount.DEMO_PASSWORD).isEqualTo("demo-password");
        assertThat(EmulatorAccount.DEMO_PERS_PAID.user()).isEqualTo(EmulatorAccount.DEMO_USER);
        assertThat(EmulatorAccount.DEMO_PERS_PAID.password()).isEqualTo(EmulatorAccount.DEMO_PASSWORD);
        assertThat(EmulatorAccount.DEMO_PERS_UNPAID.user()).isNull();
    }

    @Test
    void refusesAnEmptyUserAColonInItOrAnEmptyPassword() {
        EmulatorAccount account = EmulatorAccount.DEMO_CORP_POSTPAID;

        assertThatThrownBy(() -> account.withUser("", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> account.withUser("a:b", "p")).hasMessage("user must not be empty nor contain ':'");
        assertThatThrownBy(() -> account.withUser("a", "")).hasMessage("password must not be empty");
        assertThatThrownBy(() -> account.withUser(null, "p")).isInstanceOf(IllegalArgumentException.class);
    }
}
