package io.github.gigachat.maven;

import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.ProxyConfig;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The parameters every goal shares (credentials, scope, endpoints, TLS, timeout, emulator) and their translation into
 * the client's configuration. Each parameter falls back to the environment variable the official SDKs read.
 */
abstract class AbstractGigaChatMojo extends AbstractMojo {
    /** Skip every goal of this plugin. */
    @Parameter(property = "gigachat.skip", defaultValue = "false")
    protected boolean skip;

    /** Name of the environment variable that holds the Authorization Key; read before settings.xml. */
    @Parameter(property = "gigachat.credentialsEnv", defaultValue = "GIGACHAT_CREDENTIALS")
    protected String credentialsEnv;

    /**
     * Id of the settings.xml {@code <server>} whose {@code <password>} is the Authorization Key (encrypted values
     * work), or whose {@code <username>}/{@code <password>} are the client id and client secret.
     */
    @Parameter(property = "gigachat.serverId", defaultValue = "gigachat")
    protected String serverId;

    /**
     * OAuth scope: {@code GIGACHAT_API_PERS}, {@code GIGACHAT_API_B2B}, {@code GIGACHAT_API_CORP}, or {@code auto} to
     * find the key's own scope. Falls back to the environment variable {@code GIGACHAT_SCOPE}, then {@code auto}.
     */
    @Parameter(property = "gigachat.scope")
    protected String scope;

    /** OAuth endpoint. Falls back to {@code GIGACHAT_AUTH_URL}, then Sber's. */
    @Parameter(property = "gigachat.authUrl")
    protected String authUrl;

    /** API base URL. Falls back to {@code GIGACHAT_BASE_URL}, then Sber's. */
    @Parameter(property = "gigachat.baseUrl")
    protected String baseUrl;

    /**
     * PEM file of CA certificates trusted in addition to the JDK's, e.g. the Russian Trusted Root CA. Falls back to
     * {@code GIGACHAT_CA_BUNDLE_FILE}.
     */
    @Parameter(property = "gigachat.caBundleFile")
    protected File caBundleFile;

    /**
     * Turn TLS certificate verification off. Dangerous: logged loudly and recorded in the reports. Also set by
     * {@code GIGACHAT_VERIFY_SSL_CERTS=false}.
     */
    @Parameter(property = "gigachat.insecure")
    protected Boolean insecure;

    /** Seconds for one HTTP exchange. Falls back to {@code GIGACHAT_TIMEOUT}, then 30. */
    @Parameter(property = "gigachat.timeout")
    protected Integer timeout;

    /** Run against the built-in GigaChat emulator on 127.0.0.1 with its demo key instead of Sber (no key needed). */
    @Parameter(property = "gigachat.emulator", defaultValue = "false")
    protected boolean emulator;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    protected final SettingsDecrypter decrypter;
    protected final SecretMasker masker = new SecretMasker();

    /** The process environment; tests replace it. */
    Map<String, String> environment = System.getenv();

    private MaskingLog log;

    protected AbstractGigaChatMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    protected MaskingLog log() {
        if (log == null) {
            log = new MaskingLog(getLog(), masker);
        }
        return log;
    }

    /** The configured scope, or null for auto. */
    protected Scope scopeSetting() throws MojoExecutionException {
        String value = firstNonBlank(scope, environment.get("GIGACHAT_SCOPE"));
        if (value == null || value.strip().equalsIgnoreCase("auto")) {
            return null;
        }
        return Scope.parse(value)
                .orElseThrow(() -> new MojoExecutionException("gigachat.scope (or GIGACHAT_SCOPE) is '" + value.strip()
                        + "': use GIGACHAT_API_PERS, GIGACHAT_API_B2B, GIGACHAT_API_CORP or auto."));
    }

    /** The client configuration for the real service (or for explicitly configured URLs). */
    protected ClientConfig clientConfig(List<String> notes) throws MojoExecutionException {
        URI auth = url(
                "gigachat.authUrl",
                firstNonBlank(authUrl, environment.get("GIGACHAT_AUTH_URL")),
                ClientConfig.DEFAULT_AUTH_URL);
        URI base = url(
                "gigachat.baseUrl",
                firstNonBlank(baseUrl, environment.get("GIGACHAT_BASE_URL")),
                ClientConfig.DEFAULT_BASE_URL);
        ClientConfig.Builder builder = ClientConfig.builder()
                .authUrl(auth)
                .baseUrl(base)
                .timeout(Duration.ofSeconds(timeoutSeconds()))
                .insecure(insecure());
        String bundle = caBundleFile != null
                ? caBundleFile.getPath()
                : firstNonBlank(environment.get("GIGACHAT_CA_BUNDLE_FILE"));
        if (bundle != null) {
            File file = new File(bundle);
            if (!file.isFile()) {
                throw new MojoExecutionException("The CA bundle " + file.getAbsolutePath() + " (gigachat.caBundleFile"
                        + " or GIGACHAT_CA_BUNDLE_FILE) does not exist. Point it at a PEM file, e.g. the Russian"
                        + " Trusted Root CA from https://www.gosuslugi.ru/crt.");
            }
            builder.caBundleFile(file.toPath());
            notes.add("Trusting the CAs of " + file + " in addition to the JDK's.");
        }
        for (URI uri : List.of(auth, base)) {
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            boolean local = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
            if ("http".equalsIgnoreCase(uri.getScheme()) && !local) {
                log().warn("*** " + uri + " is plain http: the key and the tokens cross the network unencrypted."
                        + " Use https. ***");
            }
        }
        ProxyConfig proxy = MavenProxies.select(session.getSettings(), decrypter, masker);
        if (proxy != null) {
            builder.proxy(proxy);
            notes.add("Using the settings.xml proxy " + proxy.host() + ":" + proxy.port()
                    + (proxy.hasCredentials() ? " (with credentials)" : "")
                    + (proxy.nonProxyHosts().isEmpty() ? "" : ", except for " + proxy.nonProxyHosts()) + ".");
        }
        return builder.build();
    }

    protected boolean insecure() {
        if (insecure != null) {
            return insecure;
        }
        String verify = environment.get("GIGACHAT_VERIFY_SSL_CERTS");
        return verify != null && verify.strip().equalsIgnoreCase("false");
    }

    protected void warnInsecure() {
        log().warn("*****************************************************************");
        log().warn("* TLS CERTIFICATE VERIFICATION IS OFF (gigachat.insecure=true).  *");
        log().warn("* Anyone on the network path can read the key and the tokens.    *");
        log().warn("* Trust the CA instead: -Dgigachat.caBundleFile=<pem file>.       *");
        log().warn("*****************************************************************");
    }

    private int timeoutSeconds() throws MojoExecutionException {
        if (timeout != null) {
            if (timeout <= 0) {
                throw new MojoExecutionException(
                        "gigachat.timeout is " + timeout + ": use a positive number of seconds.");
            }
            return timeout;
        }
        String fromEnv = environment.get("GIGACHAT_TIMEOUT");
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                double seconds = Double.parseDouble(fromEnv.strip());
                if (seconds > 0) {
                    return (int) Math.ceil(seconds);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new MojoExecutionException("GIGACHAT_TIMEOUT is '" + fromEnv.strip()
                    + "': use a positive number of seconds, or set gigachat.timeout.");
        }
        return 30;
    }

    private static URI url(String property, String value, URI fallback) throws MojoExecutionException {
        if (value == null) {
            return fallback;
        }
        try {
            URI uri = URI.create(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(
                    property + " is '" + value + "', which is not an http(s) URL with a host.");
        }
    }

    protected static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    protected static List<String> splitList(String text) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }
}
