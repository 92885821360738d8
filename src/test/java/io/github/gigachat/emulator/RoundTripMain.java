package io.github.gigachat.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Times round trips to an in-process emulator with Apache HttpClient 5 (as the plugin sends them, over one kept-alive
 * connection), to see whether answers are held back by Nagle's algorithm and delayed ACKs (about 40 ms each). Not a
 * test: run it by hand. The JDK server the emulator used before needed {@code -Dsun.net.httpserver.nodelay=true} to
 * answer in about 1 ms instead of 44 ms; the emulator's own server reads no such property.
 *
 * <p>Arguments: rounds (default 200). Prints the median, 90th percentile and maximum per endpoint, in microseconds.
 */
public final class RoundTripMain {
    private RoundTripMain() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        EmulatorAccount account = EmulatorAccount.DEMO_B2B_PAID;
        Map<String, long[]> micros = new LinkedHashMap<>();
        for (String name : List.of("oauth", "models", "balance", "embeddings")) {
            micros.put(name, new long[rounds]);
        }
        try (GigaChatEmulator emulator =
                        GigaChatEmulator.builder().demoAccounts().start();
                CloseableHttpClient client = HttpClients.createDefault()) {
            for (int warmup = 0; warmup < 50; warmup++) {
                round(client, emulator, account, null, 0);
            }
            for (int i = 0; i < rounds; i++) {
                round(client, emulator, account, micros, i);
            }
        }
        System.out.printf(
                "sun.net.httpserver.nodelay=%s, %d rounds, microseconds:%n",
                System.getProperty("sun.net.httpserver.nodelay"), rounds);
        micros.forEach((name, values) -> {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            System.out.printf(
                    "  %-10s median %6d  p90 %6d  max %6d%n",
                    name, sorted[sorted.length / 2], sorted[sorted.length * 9 / 10], sorted[sorted.length - 1]);
        });
    }

    private static void round(
            CloseableHttpClient client,
            GigaChatEmulator emulator,
            EmulatorAccount account,
            Map<String, long[]> micros,
            int i)
            throws Exception {
        HttpPost oauth = new HttpPost(emulator.authUrl());
        oauth.setHeader("RqUID", UUID.randomUUID().toString());
        oauth.setHeader("Authorization", "Basic " + account.authorizationKey());
        oauth.setEntity(new StringEntity("scope=" + account.scope(), ContentType.APPLICATION_FORM_URLENCODED));
        String body = time(client, oauth, micros, "oauth", i);
        String token = body.replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        HttpGet models = new HttpGet(emulator.baseUrl() + "/models");
        models.setHeader("Authorization", "Bearer " + token);
        time(client, models, micros, "models", i);
        HttpGet balance = new HttpGet(emulator.baseUrl() + "/balance");
        balance.setHeader("Authorization", "Bearer " + token);
        time(client, balance, micros, "balance", i);
        HttpPost embeddings = new HttpPost(emulator.baseUrl() + "/embeddings");
        embeddings.setHeader("Authorization", "Bearer " + token);
        embeddings.setEntity(new StringEntity(
                "{\"model\":\"Embeddings\",\"input\":[\"round " + i + "\"]}", ContentType.APPLICATION_JSON));
        time(client, embeddings, micros, "embeddings", i);
    }

    private static String time(
            CloseableHttpClient client, HttpUriRequestBase request, Map<String, long[]> micros, String name, int i)
            throws Exception {
        long start = System.nanoTime();
        String body = client.execute(request, response -> {
            if (response.getCode() != 200) {
                throw new IllegalStateException(name + " answered " + response.getCode());
            }
            return EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        });
        if (micros != null) {
            micros.get(name)[i] = (System.nanoTime() - start) / 1000;
        }
        return body;
    }
}
