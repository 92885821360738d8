package io.github.gigachat.scan;

import io.github.gigachat.client.TokenOutcome;
import java.util.Set;

/**
 * What one token exchange proves about a key found in the repository. The whole decision, as a table:
 *
 * <table>
 *   <caption>Status of a found key</caption>
 *   <tr><th>what happened</th><th>status</th><th>why</th></tr>
 *   <tr><td>the key is one of the emulator's public demo keys</td><td>DEMO</td><td>no request is made</td></tr>
 *   <tr><td>no live check (offline, or turned off)</td><td>UNVERIFIED</td><td>nothing was proved</td></tr>
 *   <tr><td>a token was issued (any scope)</td><td>ACTIVE</td><td>the key works; its scope is reported</td></tr>
 *   <tr><td>OAuth code 6 (unknown or revoked)</td><td>INACTIVE</td><td>the server says the key does not exist</td></tr>
 *   <tr><td>OAuth code 4 (cannot decode)</td><td>UNKNOWN</td><td>the key has the form {@code UUID:secret}, so the
 *       answer is odd; it does not prove the key is dead</td></tr>
 *   <tr><td>code 7 for every scope</td><td>UNKNOWN</td><td>the server knows the key but issued nothing</td></tr>
 *   <tr><td>network, TLS, 429, 5xx, an unexpected answer</td><td>UNKNOWN</td><td>the check could not finish</td></tr>
 * </table>
 *
 * <p>A finding fails the build when its status is in {@code failOn}, unless it is baselined; a baseline never
 * silences an ACTIVE key.
 */
public final class ScanPolicy {
    private ScanPolicy() {}

    public static Verdict demo() {
        return new Verdict(
                KeyStatus.DEMO, null, "a public demo key of the plugin's built-in emulator; no request made");
    }

    public static Verdict unverified(String why) {
        return new Verdict(KeyStatus.UNVERIFIED, null, "not checked: " + why);
    }

    /** The verdict of one exchange in which every scope was tried. */
    public static Verdict of(TokenOutcome outcome) {
        if (outcome instanceof TokenOutcome.Issued issued) {
            return new Verdict(
                    KeyStatus.ACTIVE,
                    issued.scope(),
                    "the OAuth endpoint issued a token for " + issued.scope().wireName() + ": the key works");
        }
        if (outcome instanceof TokenOutcome.Rejected) {
            return new Verdict(
                    KeyStatus.INACTIVE,
                    null,
                    "the OAuth endpoint does not accept the key (code 6: unknown or revoked)");
        }
        if (outcome instanceof TokenOutcome.Malformed) {
            return new Verdict(
                    KeyStatus.UNKNOWN,
                    null,
                    "the OAuth endpoint could not decode the key (code 4), although it has the form UUID:secret;"
                            + " that does not prove the key is dead");
        }
        if (outcome instanceof TokenOutcome.WrongScope wrong) {
            return new Verdict(
                    KeyStatus.UNKNOWN,
                    null,
                    wrong.actual().isPresent()
                            ? "the scopes answered inconsistently; no token was issued"
                            : "every scope refused the key (code 7): the server knows it but issued no token");
        }
        TokenOutcome.Transient failed = (TokenOutcome.Transient) outcome;
        return new Verdict(
                KeyStatus.UNKNOWN,
                null,
                "the check could not finish: " + failed.cause().getMessage());
    }

    /** Whether a finding with this status fails the build. */
    public static boolean fails(KeyStatus status, boolean baselined, Set<KeyStatus> failOn) {
        return failOn.contains(status) && (!baselined || status == KeyStatus.ACTIVE);
    }
}
