package io.github.gigachat.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fake GigaChat API account (client id, secret, scope, billing kind) that an emulator accepts.
 *
 * <p>Instances are immutable; {@link #revoked()}, {@link #withModels(List)} and {@link #withUser(String, String)}
 * return changed copies. The demo accounts have fixed, fake credentials:
 *
 * <table>
 *   <caption>Demo accounts</caption>
 *   <tr><th>constant</th><th>scope</th><th>client id</th><th>secret</th><th>billing</th></tr>
 *   <tr><td>{@link #DEMO_PERS_PAID}</td><td>GIGACHAT_API_PERS</td>
 *       <td>{@value #DEMO_PERS_PAID_ID}</td><td>{@value #DEMO_PERS_PAID_SECRET}</td>
 *       <td>prepaid: embeddings 1,000,000, GigaChat 1,000,000</td></tr>
 *   <tr><td>{@link #DEMO_B2B_PAID}</td><td>GIGACHAT_API_B2B</td>
 *       <td>{@value #DEMO_B2B_PAID_ID}</td><td>{@value #DEMO_B2B_PAID_SECRET}</td>
 *       <td>prepaid: embeddings 5,000,000</td></tr>
 *   <tr><td>{@link #DEMO_CORP_POSTPAID}</td><td>GIGACHAT_API_CORP</td>
 *       <td>{@value #DEMO_CORP_POSTPAID_ID}</td><td>{@value #DEMO_CORP_POSTPAID_SECRET}</td>
 *       <td>postpaid</td></tr>
 *   <tr><td>{@link #DEMO_PERS_UNPAID}</td><td>GIGACHAT_API_PERS</td>
 *       <td>{@value #DEMO_PERS_UNPAID_ID}</td><td>{@value #DEMO_PERS_UNPAID_SECRET}</td>
 *       <td>prepaid: embeddings 0</td></tr>
 * </table>
 *
 * <p>{@link #DEMO_PERS_PAID} also has the user {@value #DEMO_USER} with the password {@value #DEMO_PASSWORD}, which
 * {@code POST {baseUrl}/token} exchanges for a token of that account.
 */
public final class EmulatorAccount {
    public static final String DEMO_PERS_PAID_ID = "6f1c2a3e-7b4d-4c5e-9a10-000000000001";
    public static final String DEMO_PERS_PAID_SECRET = "0e5d4c3b-2a19-4f08-8e7d-00000000a001";
    public static final String DEMO_B2B_PAID_ID = "6f1c2a3e-7b4d-4c5e-9a10-000000000002";
    public static final String DEMO_B2B_PAID_SECRET = "0e5d4c3b-2a19-4f08-8e7d-00000000a002";
    public static final String DEMO_CORP_POSTPAID_ID = "6f1c2a3e-7b4d-4c5e-9a10-000000000003";
    public static final String DEMO_CORP_POSTPAID_SECRET = "0e5d4c3b-2a19-4f08-8e7d-00000000a003";
    public static final String DEMO_PERS_UNPAID_ID = "6f1c2a3e-7b4d-4c5e-9a10-000000000004";
    public static final String DEMO_PERS_UNPAID_SECRET = "0e5d4c3b-2a19-4f08-8e7d-00000000a004";
    /** The user of {@link #DEMO_PERS_PAID} at {@code POST {baseUrl}/token}. */
    public static final String DEMO_USER = "demo-user";
    /** The password of {@link #DEMO_USER}. */
    public static final String DEMO_PASSWORD = "demo-password";

    /**
     * Individual, prepaid: embeddings 1,000,000 and GigaChat 1,000,000 tokens; also reachable as the user
     * {@value #DEMO_USER}.
     */
    public static final EmulatorAccount DEMO_PERS_PAID = prepaid(
                    DEMO_PERS_PAID_ID,
                    DEMO_PERS_PAID_SECRET,
                    Scopes.PERS,
                    balances("embeddings", 1_000_000L, "GigaChat", 1_000_000L))
            .withUser(DEMO_USER, DEMO_PASSWORD);

    /** Business, prepaid: embeddings 5,000,000 tokens. */
    public static final EmulatorAccount DEMO_B2B_PAID =
            prepaid(DEMO_B2B_PAID_ID, DEMO_B2B_PAID_SECRET, Scopes.B2B, Map.of("embeddings", 5_000_000L));

    /** Business, pay-as-you-go: {@code /balance} answers 403 and embeddings are never refused for payment. */
    public static final EmulatorAccount DEMO_CORP_POSTPAID =
            postpaid(DEMO_CORP_POSTPAID_ID, DEMO_CORP_POSTPAID_SECRET, Scopes.CORP);

    /** Individual, prepaid, but with an embeddings balance of 0: embeddings answer 402. */
    public static final EmulatorAccount DEMO_PERS_UNPAID =
            prepaid(DEMO_PERS_UNPAID_ID, DEMO_PERS_UNPAID_SECRET, Scopes.PERS, Map.of("embeddings", 0L));

    private final String clientId;
    private final String secret;
    private final String scope;
    private final Map<String, Long> balances; // null for postpaid accounts
    private final boolean revoked;
    private final List<String> models;
    private final String user; // null: no user/password login
    private final String password;

    private EmulatorAccount(
            String clientId,
            String secret,
            String scope,
            Map<String, Long> balances,
            boolean revoked,
            List<String> models,
            String user,
            String password) {
        this.clientId = clientId;
        this.secret = secret;
        this.scope = scope;
        this.balances = balances;
        this.revoked = revoked;
        this.models = models;
        this.user = user;
        this.password = password;
    }

    /**
     * An account that bought token packages: {@code /balance} lists {@code balances} (usage name to tokens), and
     * embeddings answer 402 once the {@code embeddings} balance cannot pay for a request.
     */
    public static EmulatorAccount prepaid(String clientId, String secret, String scope, Map<String, Long> balances) {
        Objects.requireNonNull(balances, "balances");
        Map<String, Long> copy = new LinkedHashMap<>();
        balances.forEach((usage, tokens) -> {
            if (usage == null || usage.isBlank() || tokens == null || tokens < 0) {
                throw new IllegalArgumentException("balances need a usage name and a non-negative token count");
            }
            copy.put(usage, tokens);
        });
        return create(clientId, secret, scope, Collections.unmodifiableMap(copy));
    }

    /** A pay-as-you-go account: {@code /balance} answers 403 Permission denied, embeddings never answer 402. */
    public static EmulatorAccount postpaid(String clientId, String secret, String scope) {
        return create(clientId, secret, scope, null);
    }

    private static EmulatorAccount create(String clientId, String secret, String scope, Map<String, Long> balances) {
        requireUuid(clientId);
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        if (!Scopes.isKnown(scope)) {
            throw new IllegalArgumentException(
                    "scope must be GIGACHAT_API_PERS, GIGACHAT_API_B2B or GIGACHAT_API_CORP");
        }
        return new EmulatorAccount(clientId, secret, scope, balances, false, ModelCatalog.ids(), null, null);
    }

    private static void requireUuid(String clientId) {
        if (!Uuids.isUuid(clientId)) {
            throw new IllegalArgumentException("client id must be a UUID");
        }
    }

    private static Map<String, Long> balances(String usage1, long tokens1, String usage2, long tokens2) {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put(usage1, tokens1);
        map.put(usage2, tokens2);
        return map;
    }

    /**
     * A copy that the OAuth endpoint rejects with 401, code 6, that {@code /token} refuses for its user, and whose
     * client certificates get 401 at the API.
     */
    public EmulatorAccount revoked() {
        return new EmulatorAccount(clientId, secret, scope, balances, true, models, user, password);
    }

    /**
     * A copy that {@code POST {baseUrl}/token} also serves: HTTP Basic {@code base64(user ":" password)} gets a token
     * of this account. One user per account; a second call replaces the first user.
     */
    public EmulatorAccount withUser(String user, String password) {
        if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("user must not be empty nor contain ':'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        return new EmulatorAccount(clientId, secret, scope, balances, revoked, models, user, password);
    }

    /** A copy that sees only the given models (ids of the emulator's model list) in /models, /embeddings etc. */
    public EmulatorAccount withModels(List<String> modelIds) {
        List<String> copy = List.copyOf(modelIds);
        for (String id : copy) {
            if (ModelCatalog.find(id).isEmpty()) {
                throw new IllegalArgumentException("unknown model id: " + id + "; known: " + ModelCatalog.ids());
            }
        }
        return new EmulatorAccount(clientId, secret, scope, balances, revoked, copy, user, password);
    }

    public String clientId() {
        return clientId;
    }

    public String secret() {
        return secret;
    }

    public String scope() {
        return scope;
    }

    /** What the user copies from the developer studio: {@code Base64(clientId ":" secret)}. */
    public String authorizationKey() {
        return Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The user of {@code /token}, or null when the account has none. */
    public String user() {
        return user;
    }

    /** The password of {@link #user()}, or null. */
    public String password() {
        return password;
    }

    public boolean isPrepaid() {
        return balances != null;
    }

    public boolean isRevoked() {
        return revoked;
    }

    /** Initial balances of a prepaid account (usage name to tokens); empty for a postpaid one. */
    public Map<String, Long> balances() {
        return balances == null ? Map.of() : balances;
    }

    /** Ids of the models this account sees. */
    public List<String> models() {
        return models;
    }

    /** Never shows the secret nor the password. */
    @Override
    public String toString() {
        return "EmulatorAccount[" + clientId + ", " + scope + (isPrepaid() ? ", prepaid" : ", postpaid")
                + (revoked ? ", revoked" : "") + "]";
    }
}
