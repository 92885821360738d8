package io.github.gigachat.maven;

import io.github.gigachat.client.CertificateSetting;
import io.github.gigachat.client.ClientCertificate;
import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.client.TokenBroker;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
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

    /**
     * A client certificate ({@code GIGACHAT_CERT_FILE}, or the {@code <privateKey>} of the {@code <server>}) that
     * expires within this many days gives a {@code WARN} check in {@code verify} and a warning in the other goals, so
     * the build passes and the report shows it before the release it would break. Expired or not yet valid: the build
     * fails before any network call.
     */
    @Parameter(property = "gigachat.certificateWarningDays", defaultValue = "30")
    protected int certificateWarningDays;

    /** Run against the built-in GigaChat emulator on 127.0.0.1 with its demo key instead of Sber (no key needed). */
    @Parameter(property = "gigachat.emulator", defaultValue = "false")
    protected boolean emulator;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** This goal's execution: which plugin, goal and execution id the Build Cache Extension's rules match. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

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

    /** The client configuration for the real service (or for explicitly configured URLs), without a certificate. */
    protected ClientConfig clientConfig(List<String> notes) throws MojoExecutionException {
        return clientConfig(notes, null);
    }

    /** The client configuration presenting {@code certificate} (null for none) on its TLS connections. */
    protected ClientConfig clientConfig(List<String> notes, CertificateSetting certificate)
            throws MojoExecutionException {
        ClientCertificate presented =
                certificate instanceof CertificateSetting.Loaded loaded ? loaded.certificate() : null;
        return new ClientConfigFactory(this).create(notes, presented);
    }

    /**
     * Every credential and certificate configured, in the documented order (see {@link MavenCredentials}); {@code
     * notes} say which are used, never their values.
     */
    protected MavenCredentials.Resolved credentials(List<String> notes) throws MojoExecutionException {
        java.nio.file.Path base = session.getExecutionRootDirectory() == null
                ? java.nio.file.Path.of("").toAbsolutePath()
                : java.nio.file.Path.of(session.getExecutionRootDirectory());
        return MavenCredentials.resolve(
                environment, credentialsEnv, session.getSettings(), serverId, decrypter, masker, base, notes);
    }

    /** A client certificate that expires within this many days gives a {@code WARN}; checked before any call. */
    protected java.time.Duration certificateWarning() throws MojoExecutionException {
        if (certificateWarningDays < 0) {
            throw new MojoExecutionException("gigachat.certificateWarningDays is " + certificateWarningDays
                    + ": use a number of days, 0 or more (default 30).");
        }
        return java.time.Duration.ofDays(certificateWarningDays);
    }

    /** The build's one source of tokens: every goal and module asks it, so a key is exchanged once per scope. */
    protected TokenBroker tokenBroker() {
        return BuildCache.get(session.getRequest(), "token-broker", TokenBroker::new)
                .value();
    }

    protected boolean insecure() {
        if (insecure != null) {
            return insecure;
        }
        String verify = environment.get("GIGACHAT_VERIFY_SSL_CERTS");
        return verify != null && verify.strip().equalsIgnoreCase("false");
    }

    protected void warnInsecure() {
        ClientConfigFactory.warnInsecure(log());
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
