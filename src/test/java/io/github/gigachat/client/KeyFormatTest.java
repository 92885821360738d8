package io.github.gigachat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyFormatTest {
    private static final String CLIENT_ID = "0b6a1c58-3d4e-4f1a-9c2b-7e8f9a0b1c2d";
    private static final String SECRET = "c0ffee00-aaaa-bbbb-cccc-1234567890ab";
    private static final String KEY = encode(CLIENT_ID + ":" + SECRET);

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAWellFormedKeyWithoutWarnings() {
        KeyFormat.Result result = KeyFormat.check(KEY);
        assertThat(result.key().value()).isEqualTo(KEY);
        assertThat(result.key().clientId()).isEqualTo(CLIENT_ID);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void trimsSurroundingWhitespaceAndNewlinesWithAWarning() {
        KeyFormat.Result result = KeyFormat.check("  " + KEY + "\n");
        assertThat(result.key().value()).isEqualTo(KEY);
        assertThat(result.warnings()).singleElement().asString().contains("trimmed");
    }

    @Test
    void removesAPastedBasicPrefixWithAWarning() {
        KeyFormat.Result result = KeyFormat.check("Basic " + KEY);
        assertThat(result.key().value()).isEqualTo(KEY);
        assertThat(result.warnings()).singleElement().asString().contains("'Basic'");
    }

    @Test
    void recognisesABareClientIdOrSecret() {
        assertThatThrownBy(() -> KeyFormat.check(SECRET))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("bare UUID")
                .hasMessageContaining("Client ID or the Client Secret")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void recognisesBrokenBase64() {
        assertThatThrownBy(() -> KeyFormat.check(KEY.substring(0, KEY.length() - 3) + "!"))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("not valid Base64");
    }

    @Test
    void recognisesAKeyWithoutColon() {
        assertThatThrownBy(() -> KeyFormat.check(encode(CLIENT_ID + SECRET)))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("without a ':'");
    }

    @Test
    void recognisesAClientIdThatIsNotAUuid() {
        assertThatThrownBy(() -> KeyFormat.check(encode("my-app:" + SECRET)))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("client id part is not a UUID");
    }

    @Test
    void recognisesAnEmptySecret() {
        assertThatThrownBy(() -> KeyFormat.check(encode(CLIENT_ID + ":")))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("empty client secret");
    }

    @Test
    void recognisesBinaryThatIsNotText() {
        String binary = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x81});
        assertThatThrownBy(() -> KeyFormat.check(binary))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("does not decode to text");
    }

    @Test
    void rejectsEmptyAndInnerWhitespace() {
        assertThatThrownBy(() -> KeyFormat.check("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> KeyFormat.check(KEY + " " + KEY)).hasMessageContaining("whitespace inside");
    }

    @Test
    void fingerprintIsStableAndRevealsNothing() {
        AuthorizationKey key = KeyFormat.check(KEY).key();
        assertThat(key.fingerprint())
                .matches("sha256:[0-9a-f]{12}")
                .isEqualTo(KeyFormat.check(KEY).key().fingerprint());
        assertThat(key.toString()).doesNotContain(KEY).doesNotContain(SECRET);
    }

    @Test
    void composesTheKeyFromClientCredentials() {
        assertThat(AuthorizationKey.fromClientCredentials(CLIENT_ID, SECRET).value())
                .isEqualTo(KEY);
    }
}
