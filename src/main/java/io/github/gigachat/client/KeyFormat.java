package io.github.gigachat.client;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks an Authorization Key locally, before any network call, and recognises the common mistakes.
 *
 * <p>Messages never contain the key or any part of it other than the client id, which is not a secret.
 */
public final class KeyFormat {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern BASE64_URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");
    private static final String WHAT_IT_IS = "The Authorization Key is the Base64 of 'client_id:client_secret' that the"
            + " Sber developer studio shows under 'Get key' (it usually ends with '==').";

    private KeyFormat() {}

    /** Whether {@code text} (trimmed) is a UUID, the shape of a client id. */
    public static boolean isUuid(String text) {
        return text != null && UUID.matcher(text.strip()).matches();
    }

    /** {@code Base64(client_id ":" client_secret)}, not checked: {@link #check} says what is wrong with it. */
    public static String compose(String clientId, String clientSecret) {
        return Base64.getEncoder()
                .encodeToString((clientId.strip() + ":" + clientSecret.strip()).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code text} already is a well-formed Authorization Key (not, say, a bare client secret). */
    public static boolean isAuthorizationKey(String text) {
        try {
            check(text);
            return true;
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    /** A key that passed the check, and the warnings to log (for example: whitespace was trimmed). */
    public record Result(AuthorizationKey key, List<String> warnings) {}

    /**
     * Checks the raw text of a key.
     *
     * @throws InvalidKeyException with a message that names the mistake and the fix
     */
    public static Result check(String raw) {
        List<String> warnings = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            throw new InvalidKeyException("the key is empty. " + WHAT_IT_IS);
        }
        String text = raw.strip();
        if (!text.equals(raw)) {
            warnings.add("the key had surrounding whitespace or a newline; it was trimmed."
                    + " Remove it at the source to silence this warning.");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"basic ", "bearer "}) {
            if (lower.startsWith(prefix)) {
                warnings.add("the key started with '" + text.substring(0, prefix.length() - 1)
                        + "'; the prefix was removed. Store only the key itself.");
                text = text.substring(prefix.length()).strip();
            }
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidKeyException("the key contains whitespace inside it: it looks like more than one value"
                    + " was pasted. " + WHAT_IT_IS);
        }
        if (UUID.matcher(text).matches()) {
            throw new InvalidKeyException("the key is a bare UUID: that is the Client ID or the Client Secret, not the"
                    + " Authorization Key. " + WHAT_IT_IS
                    + " Alternatively put the Client ID in <username> and the Client Secret in <password> of the"
                    + " settings.xml <server>.");
        }
        byte[] decoded = decode(text);
        String pair;
        try {
            pair = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidKeyException("the key is valid Base64 but does not decode to text: it is not an"
                    + " Authorization Key (perhaps a raw Client Secret or an access token). " + WHAT_IT_IS);
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw new InvalidKeyException("the key decodes without a ':' separator, so it is not"
                    + " Base64(client_id:client_secret); perhaps the Client Secret was pasted instead. " + WHAT_IT_IS);
        }
        String clientId = pair.substring(0, colon);
        String secret = pair.substring(colon + 1);
        if (!UUID.matcher(clientId).matches()) {
            throw new InvalidKeyException("the key decodes to 'client_id:client_secret' but the client id part is not a"
                    + " UUID. " + WHAT_IT_IS);
        }
        if (secret.isBlank()) {
            throw new InvalidKeyException(
                    "the key decodes to client id " + clientId + " with an empty client secret. " + WHAT_IT_IS);
        }
        String canonical = Base64.getEncoder().encodeToString(decoded);
        if (!canonical.equals(text)) {
            warnings.add("the key was not in standard padded Base64; it was normalised.");
        }
        return new Result(new AuthorizationKey(canonical, clientId, secret), List.copyOf(warnings));
    }

    private static byte[] decode(String text) {
        try {
            if (BASE64.matcher(text).matches()) {
                return Base64.getMimeDecoder().decode(pad(text));
            }
            if (BASE64_URL.matcher(text).matches()) {
                return Base64.getUrlDecoder().decode(pad(text));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below; the exception text would quote the key
        }
        throw new InvalidKeyException("the key is not valid Base64 (it has characters or a length that Base64 does not"
                + " allow); it was probably cut short or mixed with other text when copied. " + WHAT_IT_IS);
    }

    private static String pad(String text) {
        String bare = text.replace("=", "");
        int missing = (4 - bare.length() % 4) % 4;
        if (missing == 3) {
            throw new IllegalArgumentException("impossible Base64 length");
        }
        return bare + "=".repeat(missing);
    }
}
