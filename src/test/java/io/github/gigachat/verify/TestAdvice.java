package io.github.gigachat.verify;

import io.github.gigachat.client.Scope;
import io.github.gigachat.client.TokenOutcome;
import java.math.BigDecimal;

/** Advice as tags, so that a test can see which advice a message got without depending on the plugin's wording. */
final class TestAdvice implements Advice {
    @Override
    public String forCredentials(String credentialsDescription) {
        return "[fix " + credentialsDescription + "]";
    }

    @Override
    public String forTokenOutcome(TokenOutcome outcome, String credentialsDescription) {
        String detail = outcome instanceof TokenOutcome.WrongScope wrong
                ? ":" + wrong.actual().map(Scope::wireName).orElse("-")
                : "";
        return "[token " + outcome.getClass().getSimpleName() + detail + " from " + credentialsDescription + "]";
    }

    @Override
    public String forDiscoveredScope(Scope scope) {
        return "[pin " + scope + "]";
    }

    @Override
    public String forProbe() {
        return "[probe]";
    }

    @Override
    public String forPackage(String service, Scope scope) {
        return "[buy " + service + " for " + scope + "]";
    }

    @Override
    public String minimumBalanceSetting(BigDecimal minimum) {
        return "[min " + minimum.toPlainString() + "]";
    }

    @Override
    public String forRequiredModels() {
        return "[required models]";
    }

    @Override
    public String forRefusedAccessToken(String credentialsDescription) {
        return "[renew token from " + credentialsDescription + "]";
    }

    @Override
    public String forRefusedUser(String credentialsDescription) {
        return "[fix user in " + credentialsDescription + "]";
    }

    @Override
    public String forCertificate(String certificateDescription) {
        return "[fix certificate in " + certificateDescription + "]";
    }

    @Override
    public String certificateWarningSetting(java.time.Duration warnWithin) {
        return "[warn " + warnWithin.toDays() + " days]";
    }
}
