package io.github.gigachat.maven;

import io.github.gigachat.client.CertificateSetting;
import io.github.gigachat.client.Credential;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.io.Hashes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Finds what the build authenticates with, in the official Python SDK's order (access token, Authorization Key, user
 * and password), the environment before settings.xml:
 *
 * <table>
 *   <caption>Where each credential is read, first match wins</caption>
 *   <tr><th>order</th><th>credential</th><th>environment</th><th>settings.xml {@code <server>}</th></tr>
 *   <tr><td>1</td><td>access token</td><td>{@code GIGACHAT_ACCESS_TOKEN}</td><td>-</td></tr>
 *   <tr><td>2</td><td>Authorization Key</td><td>{@code gigachat.credentialsEnv}</td><td>-</td></tr>
 *   <tr><td>3</td><td>user and password</td><td>{@code GIGACHAT_USER} + {@code GIGACHAT_PASSWORD}</td><td>-</td></tr>
 *   <tr><td>4</td><td>access token</td><td>-</td><td>{@code <password>} shaped like a token (dot-separated)</td></tr>
 *   <tr><td>5</td><td>Authorization Key</td><td>-</td><td>{@code <password>}, or a client id {@code <username>} and
 *       client secret {@code <password>}</td></tr>
 *   <tr><td>6</td><td>user and password</td><td>-</td><td>any other {@code <username>} and {@code <password>}</td></tr>
 *   <tr><td>7</td><td>client certificate alone</td><td>{@code GIGACHAT_CERT_FILE}</td><td>{@code <privateKey>}</td></tr>
 * </table>
 *
 * <p>A configured client certificate ({@link MavenCertificates}) is presented in every case; it is the credential only
 * when nothing else is found. Every secret is registered with the masker the moment it is read. A decryption problem
 * is an error, never a silent fallback to the encrypted text.
 */
final class MavenCredentials {
    static final String ACCESS_TOKEN_ENV = "GIGACHAT_ACCESS_TOKEN";
    static final String USER_ENV = "GIGACHAT_USER";
    static final String PASSWORD_ENV = "GIGACHAT_PASSWORD";

    /** Real tokens are JWEs of some 900 characters; a short dotted password is not one. */
    private static final int MIN_TOKEN_LENGTH = 100;

    /** A long run of Base64 characters: an Authorization Key, perhaps a broken one that KeyFormat should explain. */
    private static final Pattern KEY_SHAPE = Pattern.compile("[A-Za-z0-9+/=_-]{60,}");

    /** A JWT or JWE: base64url parts joined by dots. An Authorization Key or a client secret has no dot. */
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){2,}");

    /** What was found: the credential (null with {@code missingHelp} when none), and the certificate (or null). */
    record Resolved(Credential credential, String missingHelp, CertificateSetting certificate) {}

    private MavenCredentials() {}

    static Resolved resolve(
            Map<String, String> environment,
            String envName,
            Settings settings,
            String serverId,
            SettingsDecrypter decrypter,
            SecretMasker masker,
            Path baseDirectory,
            List<String> notes)
            throws MojoExecutionException {
        // every secret the plugin knows of is masked, used or not
        for (String name : List.of(ACCESS_TOKEN_ENV, envName, PASSWORD_ENV, MavenCertificates.KEY_PASSWORD_ENV)) {
            String value = environment.get(name);
            masker.add(value == null ? null : value.strip());
            masker.add(value);
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        Server decrypted = null;
        if (server != null) {
            masker.add(server.getPassword());
            masker.add(server.getPassphrase());
            decrypted = SettingsDecryption.server(decrypter, server);
            masker.add(decrypted.getPassword());
            masker.add(decrypted.getPassphrase());
        }
        CertificateSetting certificate =
                MavenCertificates.find(environment, decrypted, serverId, masker, baseDirectory, notes);
        Credential credential = fromEnvironment(environment, envName, masker, notes);
        if (credential == null && decrypted != null) {
            credential = fromServer(decrypted, serverId);
        }
        if (credential == null && certificate instanceof CertificateSetting.Loaded loaded) {
            credential = new Credential.CertificateOnly(
                    loaded.source(), loaded.description(), loaded.certificate().fingerprint());
        }
        if (credential != null) {
            credential.registerWith(masker);
            notes.add("Using GigaChat credentials from " + credential.description() + " (" + credential.kind() + ").");
            if (certificate != null && !(credential instanceof Credential.CertificateOnly)) {
                notes.add("Presenting the client certificate from " + certificate.description() + ".");
            }
            return new Resolved(credential, null, certificate);
        }
        if (certificate instanceof CertificateSetting.Unusable) {
            // the certificate was meant to be the credential: its own check says what is wrong with it
            return new Resolved(
                    null,
                    "The client certificate configured is the only credential, and it cannot be"
                            + " used (see the client-certificate check).",
                    certificate);
        }
        String help = "Set the environment variable " + envName + " to your Authorization Key, or add"
                + " <server><id>" + serverId + "</id><password>{key encrypted with mvn --encrypt-password}</password>"
                + "</server> to ~/.m2/settings.xml (see gigachat.serverId and gigachat.credentialsEnv). Access tokens"
                + " (" + ACCESS_TOKEN_ENV + "), a user and password (" + USER_ENV + ", " + PASSWORD_ENV + ") and client"
                + " certificates (GIGACHAT_CERT_FILE) work too.";
        if (server != null) {
            help = "The <server> " + serverId + " in settings.xml has no <password> and no <privateKey>. " + help;
        }
        return new Resolved(null, help, certificate);
    }

    /** What tells two credentials apart in a per-build cache key: a hash, never the values. */
    static String cacheKey(Credential credential) {
        if (credential == null) {
            return "-";
        }
        String identity;
        if (credential instanceof Credential.Key key) {
            identity = "key " + key.raw();
        } else if (credential instanceof Credential.Token token) {
            identity = "token " + token.value();
        } else if (credential instanceof Credential.UserPassword user) {
            identity = "user " + user.user() + "\u0000" + user.password();
        } else {
            identity = "certificate " + ((Credential.CertificateOnly) credential).fingerprint();
        }
        return Hashes.sha256Hex(identity);
    }

    private static Credential fromEnvironment(
            Map<String, String> environment, String envName, SecretMasker masker, List<String> notes) {
        String token = variable(environment, ACCESS_TOKEN_ENV, masker, notes);
        if (token != null) {
            return new Credential.Token(
                    "env:" + ACCESS_TOKEN_ENV, "the environment variable " + ACCESS_TOKEN_ENV, token);
        }
        String key = variable(environment, envName, masker, notes);
        if (key != null) {
            return new Credential.Key("env:" + envName, "the environment variable " + envName, key);
        }
        String user = variable(environment, USER_ENV, masker, notes);
        String password = variable(environment, PASSWORD_ENV, masker, notes);
        if (user != null && password != null) {
            return new Credential.UserPassword(
                    "env:" + USER_ENV,
                    "the environment variables " + USER_ENV + " and " + PASSWORD_ENV,
                    user.strip(),
                    password);
        }
        if (user != null || password != null) {
            notes.add("Only one of " + USER_ENV + " and " + PASSWORD_ENV + " is set; both are needed. Ignoring it.");
        }
        return null;
    }

    /**
     * A value that is an Authorization Key (well-formed or not) or a client secret (a UUID): with a {@code <username>}
     * that is not a client id it is a mistake KeyFormat explains, not a user's password to send to {@code /token}.
     */
    private static boolean looksLikeAKeyOrSecret(String value) {
        return KeyFormat.isAuthorizationKey(value)
                || KeyFormat.isUuid(value)
                || KEY_SHAPE.matcher(value).matches();
    }

    /** A variable's value, registered with the masker; null (with a note when set but blank) when there is none. */
    private static String variable(
            Map<String, String> environment, String name, SecretMasker masker, List<String> notes) {
        String value = environment.get(name);
        if (value == null) {
            return null;
        }
        masker.add(value.strip());
        if (value.isBlank()) {
            notes.add("The environment variable " + name + " is set but empty; ignoring it.");
            return null;
        }
        return value;
    }

    private static Credential fromServer(Server server, String serverId) {
        String password = server.getPassword();
        String username = server.getUsername();
        if (password == null || password.isBlank()) {
            return null;
        }
        String source = "settings:" + serverId;
        String where = " of <server> " + serverId + " in settings.xml";
        boolean hasUser = username != null && !username.isBlank();
        String value = password.strip();
        if (!hasUser
                && value.length() >= MIN_TOKEN_LENGTH
                && TOKEN_SHAPE.matcher(value).matches()) {
            return new Credential.Token(source, "the <password> (an access token)" + where, password);
        }
        if (KeyFormat.isUuid(username) && !KeyFormat.isAuthorizationKey(password)) {
            return new Credential.Key(
                    source,
                    "the <username>/<password> (client id and client secret)" + where,
                    KeyFormat.compose(username, password));
        }
        if (hasUser && !looksLikeAKeyOrSecret(value)) {
            return new Credential.UserPassword(
                    source, "the <username>/<password> (user and password)" + where, username.strip(), password);
        }
        return new Credential.Key(source, "the <password>" + where, password);
    }
}
