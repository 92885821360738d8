package io.github.gigachat.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an emulator with the demo accounts from the command line, for people who want to try the plugin. Its own JVM:
 * it needs no system property either.
 */
public final class EmulatorMain {
    /** Names the environment variable with the password of the {@code --https} keystore (kept off the command line). */
    static final String KEYSTORE_PASSWORD_ENV = "GIGACHAT_EMULATOR_KEYSTORE_PASSWORD";

    static final String USAGE = "Usage: EmulatorMain [port [latencyMillis]] [--https <keystore.p12>]"
            + " [--client-ca <ca.pem>] [--client-cert <cert.pem>]...\n"
            + "  port 0 (default) picks a free one; latencyMillis (default 0) is added to every answer;\n"
            + "  --https serves HTTPS with the key and certificate chain of a PKCS#12 keystore whose password is in\n"
            + "  the environment variable " + KEYSTORE_PASSWORD_ENV + ";\n"
            + "  --client-ca (needs --https) asks clients for a certificate and trusts those issued by the CA(s) in\n"
            + "  this PEM file only; --client-cert (needs --client-ca, repeatable) lets the certificate in this PEM\n"
            + "  file act for DEMO_PERS_PAID without an Authorization header.";

    private EmulatorMain() {}

    /** See {@link #USAGE}. Runs until killed, then prints what it served. */
    public static void main(String[] args) throws IOException, InterruptedException {
        GigaChatEmulator emulator;
        try {
            emulator = start(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("emulator stats: " + summary(emulator.stats()));
                            System.out.flush();
                            emulator.close();
                        },
                        "gigachat-emulator-shutdown"));
        describe(emulator, System.out);
        new CountDownLatch(1).await();
    }

    /**
     * Starts an emulator as the command line asks.
     *
     * @throws IllegalArgumentException with a message for the user: a bad number, an unknown option, an unreadable
     *     keystore or certificate file, a client certificate option without --https or --client-ca
     */
    static GigaChatEmulator start(List<String> args, Map<String, String> env) throws IOException {
        List<String> positional = new ArrayList<>();
        Path keystore = null;
        Path clientCa = null;
        List<Path> clientCerts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--https")) {
                keystore = Path.of(value(args, ++i, "--https needs the path of a PKCS#12 keystore"));
            } else if (arg.equals("--client-ca")) {
                clientCa = Path.of(value(args, ++i, "--client-ca needs the path of a PEM file of CA certificates"));
            } else if (arg.equals("--client-cert")) {
                clientCerts.add(Path.of(value(args, ++i, "--client-cert needs the path of a PEM certificate")));
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("Unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() > 2) {
            throw new IllegalArgumentException("Too many arguments: " + positional);
        }
        if (clientCa != null && keystore == null) {
            throw new IllegalArgumentException("--client-ca needs --https: client certificates are asked for over TLS");
        }
        if (!clientCerts.isEmpty() && clientCa == null) {
            throw new IllegalArgumentException("--client-cert needs --client-ca: the CA that issued the certificate");
        }
        GigaChatEmulator.Builder builder = GigaChatEmulator.builder()
                .demoAccounts()
                .port(number(positional, 0, "port"))
                .latency(Duration.ofMillis(number(positional, 1, "latencyMillis")));
        if (keystore != null) {
            String password = env.get(KEYSTORE_PASSWORD_ENV);
            KeyStore store = keyStore(keystore, password);
            try {
                builder.https(store, password.toCharArray());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--https " + keystore + ": " + e.getMessage(), e);
            }
        }
        if (clientCa != null) {
            certificates("--client-ca", clientCa).forEach(builder::trustClientCa);
        }
        for (Path cert : clientCerts) {
            for (X509Certificate certificate : certificates("--client-cert", cert)) {
                builder.clientCertificate(certificate, EmulatorAccount.DEMO_PERS_PAID);
            }
        }
        return builder.start();
    }

    private static String value(List<String> args, int index, String missing) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(missing);
        }
        return args.get(index);
    }

    private static int number(List<String> positional, int index, String name) {
        if (positional.size() <= index) {
            return 0;
        }
        try {
            int value = Integer.parseInt(positional.get(index));
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a whole number of at least 0, not '" + positional.get(index) + "'");
        }
    }

    private static KeyStore keyStore(Path keystore, String password) {
        if (password == null) {
            throw new IllegalArgumentException("--https " + keystore
                    + ": set the keystore's password in the environment variable " + KEYSTORE_PASSWORD_ENV);
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // an IOException here is also what a wrong password gives; its message holds no password
            throw new IllegalArgumentException("--https " + keystore + ": cannot read it as a PKCS#12 keystore with"
                    + " the password in " + KEYSTORE_PASSWORD_ENV + " (" + e.getMessage() + ")");
        }
    }

    /** Every certificate of a PEM (or DER) file; at least one. */
    private static List<X509Certificate> certificates(String option, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    option + " " + file + ": cannot read it as PEM certificates (" + e.getMessage() + ")");
        }
    }

    static String summary(EmulatorStats stats) {
        return "embeddingsRequests=" + stats.requests(Endpoint.EMBEDDINGS) + " embeddedTexts=" + stats.embeddedTexts()
                + " maxConcurrentModelCalls=" + stats.maxConcurrentApiRequests() + " tooManyRequests="
                + stats.tooManyRequests() + " oauthRequests=" + stats.requests(Endpoint.OAUTH) + " maxOAuthPerSecond="
                + stats.maxOAuthRequestsPerSecond() + " maxConcurrentOAuth=" + stats.maxConcurrentOAuthRequests()
                + " oauthTooManyRequests=" + stats.oauthTooManyRequests() + " tokenRequests="
                + stats.requests(Endpoint.TOKEN) + " clientCertificateRequests=" + stats.clientCertificateRequests();
    }

    /** Prints the URLs and the (fake) demo authorization keys, user and password. */
    static void describe(GigaChatEmulator emulator, PrintStream out) {
        out.println("GigaChat emulator running (fake keys, no real API involved)");
        out.println("  auth URL: " + emulator.authUrl());
        out.println("  base URL: " + emulator.baseUrl());
        List<EmulatorAccount> demos = List.of(
                EmulatorAccount.DEMO_PERS_PAID,
                EmulatorAccount.DEMO_B2B_PAID,
                EmulatorAccount.DEMO_CORP_POSTPAID,
                EmulatorAccount.DEMO_PERS_UNPAID);
        List<String> names = List.of("DEMO_PERS_PAID", "DEMO_B2B_PAID", "DEMO_CORP_POSTPAID", "DEMO_PERS_UNPAID");
        for (int i = 0; i < demos.size(); i++) {
            EmulatorAccount account = demos.get(i);
            out.printf("  %-18s scope=%-17s key=%s%n", names.get(i), account.scope(), account.authorizationKey());
        }
        out.printf(
                "  %-18s user=%s password=%s (DEMO_PERS_PAID, POST %s/token)%n",
                "DEMO_USER", EmulatorAccount.DEMO_USER, EmulatorAccount.DEMO_PASSWORD, emulator.baseUrl());
        if (emulator.asksForClientCertificates()) {
            out.println("  client certificates: asked for; those given with --client-cert act for DEMO_PERS_PAID");
        }
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }
}
