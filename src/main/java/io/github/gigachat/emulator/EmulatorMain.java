package io.github.gigachat.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Runs an emulator with the demo accounts from the command line, for people who want to try the plugin. Its own JVM:
 * it needs no system property either.
 */
public final class EmulatorMain {
    /** Names the environment variable with the password of the {@code --https} keystore (kept off the command line). */
    static final String KEYSTORE_PASSWORD_ENV = "GIGACHAT_EMULATOR_KEYSTORE_PASSWORD";

    static final String USAGE = "Usage: EmulatorMain [port [latencyMillis]] [--https <keystore.p12>]\n"
            + "  port 0 (default) picks a free one; latencyMillis (default 0) is added to every answer;\n"
            + "  --https serves HTTPS with the key and certificate chain of a PKCS#12 keystore whose password is in\n"
            + "  the environment variable " + KEYSTORE_PASSWORD_ENV + ".";

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
     *     keystore
     */
    static GigaChatEmulator start(List<String> args, Map<String, String> env) throws IOException {
        List<String> positional = new ArrayList<>();
        Path keystore = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--https")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--https needs the path of a PKCS#12 keystore");
                }
                keystore = Path.of(args.get(++i));
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("Unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() > 2) {
            throw new IllegalArgumentException("Too many arguments: " + positional);
        }
        GigaChatEmulator.Builder builder = GigaChatEmulator.builder()
                .demoAccounts()
                .port(number(positional, 0, "port"))
                .latency(Duration.ofMillis(number(positional, 1, "latencyMillis")));
        if (keystore != null) {
            builder.https(tlsContext(keystore, env.get(KEYSTORE_PASSWORD_ENV)));
        }
        return builder.start();
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

    private static SSLContext tlsContext(Path keystore, String password) {
        if (password == null) {
            throw new IllegalArgumentException("--https " + keystore
                    + ": set the keystore's password in the environment variable " + KEYSTORE_PASSWORD_ENV);
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // an IOException here is also what a wrong password gives; its message holds no password
            throw new IllegalArgumentException("--https " + keystore + ": cannot read it as a PKCS#12 keystore with"
                    + " the password in " + KEYSTORE_PASSWORD_ENV + " (" + e.getMessage() + ")");
        }
    }

    static String summary(EmulatorStats stats) {
        return "embeddingsRequests=" + stats.requests(Endpoint.EMBEDDINGS) + " embeddedTexts=" + stats.embeddedTexts()
                + " maxConcurrentModelCalls=" + stats.maxConcurrentApiRequests() + " tooManyRequests="
                + stats.tooManyRequests() + " oauthRequests=" + stats.requests(Endpoint.OAUTH) + " maxOAuthPerSecond="
                + stats.maxOAuthRequestsPerSecond() + " maxConcurrentOAuth=" + stats.maxConcurrentOAuthRequests()
                + " oauthTooManyRequests=" + stats.oauthTooManyRequests();
    }

    /** Prints the URLs and the (fake) demo authorization keys. */
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
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }
}
