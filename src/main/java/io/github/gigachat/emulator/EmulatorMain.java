package io.github.gigachat.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Runs an emulator with the demo accounts from the command line, for people who want to try the plugin. */
public final class EmulatorMain {
    private EmulatorMain() {}

    /**
     * Usage: {@code EmulatorMain [port [latencyMillis]]}; port 0 (default) picks a free one, the latency (default 0)
     * is added to every answer. Runs until killed.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        long latencyMillis = args.length > 1 ? Long.parseLong(args[1]) : 0;
        GigaChatEmulator emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .port(port)
                .latency(java.time.Duration.ofMillis(latencyMillis))
                .start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            EmulatorStats stats = emulator.stats();
                            System.out.println("emulator stats: embeddingsRequests="
                                    + stats.requests(Endpoint.EMBEDDINGS) + " embeddedTexts=" + stats.embeddedTexts()
                                    + " maxConcurrentModelCalls=" + stats.maxConcurrentApiRequests()
                                    + " tooManyRequests=" + stats.tooManyRequests() + " oauthRequests="
                                    + stats.requests(Endpoint.OAUTH) + " maxOAuthPerSecond="
                                    + stats.maxOAuthRequestsPerSecond() + " maxConcurrentOAuth="
                                    + stats.maxConcurrentOAuthRequests() + " oauthTooManyRequests="
                                    + stats.oauthTooManyRequests());
                            System.out.flush();
                            emulator.close();
                        },
                        "gigachat-emulator-shutdown"));
        describe(emulator, System.out);
        new CountDownLatch(1).await();
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
