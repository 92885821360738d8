package io.github.gigachat.maven;

import io.github.gigachat.client.ClientCertificate;
import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.ProxyConfig;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Turns the shared parameters, the environment variables the official SDKs read and the settings.xml proxy into the
 * client's configuration, with messages that name the property or variable at fault.
 */
final class ClientConfigFactory {
    private final AbstractGigaChatMojo mojo;

    ClientConfigFactory(AbstractGigaChatMojo mojo) {
        this.mojo = mojo;
    }

    ClientConfig create(List<String> notes, ClientCertificate certificate) throws MojoExecutionException {
        URI auth = url("gigachat.authUrl", mojo.authUrl, "GIGACHAT_AUTH_URL", ClientConfig.DEFAULT_AUTH_URL);
        URI base = url("gigachat.baseUrl", mojo.baseUrl, "GIGACHAT_BASE_URL", ClientConfig.DEFAULT_BASE_URL);
        ClientConfig.Builder builder = ClientConfig.builder()
                .authUrl(auth)
                .baseUrl(base)
                .timeout(Duration.ofSeconds(timeoutSeconds()))
                .insecure(mojo.insecure());
        String bundle = mojo.caBundleFile != null
                ? mojo.caBundleFile.getPath()
                : AbstractGigaChatMojo.firstNonBlank(mojo.environment.get("GIGACHAT_CA_BUNDLE_FILE"));
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
                mojo.log()
                        .warn("*** " + uri + " is plain http: the key and the tokens cross the network unencrypted."
                                + " Use https. ***");
            }
        }
        ProxyConfig proxy = MavenProxies.select(mojo.session.getSettings(), mojo.decrypter, mojo.masker);
        if (proxy != null) {
            builder.proxy(proxy);
            notes.add("Using the settings.xml proxy " + proxy.host() + ":" + proxy.port()
                    + (proxy.hasCredentials() ? " (with credentials)" : "")
                    + (proxy.nonProxyHosts().isEmpty() ? "" : ", except for " + proxy.nonProxyHosts()) + ".");
        }
        return builder.clientCertificate(certificate).build();
    }

    private int timeoutSeconds() throws MojoExecutionException {
        if (mojo.timeout != null) {
            if (mojo.timeout <= 0) {
                throw new MojoExecutionException(
                        "gigachat.timeout is " + mojo.timeout + ": use a positive number of seconds.");
            }
            return mojo.timeout;
        }
        String fromEnv = mojo.environment.get("GIGACHAT_TIMEOUT");
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

    private URI url(String property, String parameter, String variable, URI fallback) throws MojoExecutionException {
        String value = AbstractGigaChatMojo.firstNonBlank(parameter, mojo.environment.get(variable));
        if (value == null) {
            return fallback;
        }
        try {
            URI uri = URI.create(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new MojoExecutionException(
                property + " (or " + variable + ") is '" + value + "', which is not an http(s) URL with a host.");
    }

    /** The banner for {@code gigachat.insecure=true}: loud, and what to do instead. */
    static void warnInsecure(MaskingLog log) {
        log.warn("*****************************************************************");
        log.warn("* TLS CERTIFICATE VERIFICATION IS OFF (gigachat.insecure=true).  *");
        log.warn("* Anyone on the network path can read the key and the tokens.    *");
        log.warn("* Trust the CA instead: -Dgigachat.caBundleFile=<pem file>.       *");
        log.warn("*****************************************************************");
    }
}
