package io.github.gigachat.maven;

import io.github.gigachat.client.AuthorizationKey;
import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.TokenOutcome;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.scan.Baseline;
import io.github.gigachat.scan.ContentSource;
import io.github.gigachat.scan.Findings;
import io.github.gigachat.scan.KeyChecks;
import io.github.gigachat.scan.ScanFinding;
import io.github.gigachat.scan.ScanOutput;
import io.github.gigachat.scan.ScanResult;
import io.github.gigachat.scan.Scanner;
import io.github.gigachat.scan.Verdict;
import io.github.gigachat.scan.git.GitRepository;
import io.github.gigachat.scan.git.UnknownRevisionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * One run of the scan: checks the settings, lists what git would commit (or every file but {@code target/} without
 * git) and, when asked, the history; scans; checks each distinct key; applies the baseline. A configuration problem
 * becomes a result with an error that names the property, so the reports are written in every outcome.
 */
final class ScanJob {
    /** The built-in emulator's public demo keys: {@code DEMO}, never sent anywhere. */
    static final Set<String> DEMO_KEYS = Stream.of(
                    EmulatorAccount.DEMO_PERS_PAID,
                    EmulatorAccount.DEMO_B2B_PAID,
                    EmulatorAccount.DEMO_CORP_POSTPAID,
                    EmulatorAccount.DEMO_PERS_UNPAID)
            .map(EmulatorAccount::authorizationKey)
            .collect(Collectors.toUnmodifiableSet());

    private static final int MAX_THREADS = 4;

    private final ScanMojo mojo;
    private final ScanSettings settings;

    ScanJob(ScanMojo mojo, ScanSettings settings) {
        this.mojo = mojo;
        this.settings = settings;
    }

    ScanResult run() {
        long start = System.nanoTime();
        String directory = settings.directory().toString();
        try {
            return scan(start);
        } catch (ConfigurationProblem e) {
            return ScanResult.error(directory, settings.failOn(), mojo.masker.mask(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return ScanResult.error(
                    directory,
                    settings.failOn(),
                    mojo.masker.mask("The scan of " + directory + " could not finish: " + e.getMessage()));
        } catch (OutOfMemoryError e) {
            return ScanResult.error(
                    directory,
                    settings.failOn(),
                    "The scan of " + directory + " ran out of memory: lower gigachat.scan.maxFileBytes, or give Maven"
                            + " more (MAVEN_OPTS=-Xmx1g).");
        }
    }

    private ScanResult scan(long start) throws IOException, ConfigurationProblem {
        Path root = settings.directory();
        if (!Files.isDirectory(root)) {
            throw new ConfigurationProblem("gigachat.scan.directory is " + root
                    + ", which is not a directory: point it at the directory to scan (default: the top directory"
                    + " of the build).");
        }
        if (settings.maxFileBytes() <= 0) {
            throw new ConfigurationProblem("gigachat.scan.maxFileBytes is " + settings.maxFileBytes()
                    + ": use a positive number of bytes (default 10485760).");
        }
        // a writeBaseline run replaces the file whatever it holds, so a broken one can be written anew
        Set<String> baseline = settings.writeBaseline() ? Set.of() : readBaseline();
        try (ScanSources scanSources = ScanSources.open(root, mojo.log()::debug)) {
            List<ContentSource> sources = new ArrayList<>();
            sources.add(scanSources.workingTree());
            if (settings.history()) {
                sources.add(history(scanSources.repository().orElse(null)));
            } else if (settings.since() != null) {
                mojo.log().warn("gigachat.scan.since is ignored without gigachat.scan.history=true.");
            }
            // each thread holds up to a few files of maxFileBytes at once: more threads than 4 buy little on a laptop
            int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
            Scanner scanner = new Scanner(settings.maxFileBytes(), threads, "gigachat.scan.maxFileBytes");
            ScanOutput output = scanner.scan(sources);
            List<String> keys = Findings.distinctKeys(output.hits());
            Map<String, Verdict> verdicts = check(keys);
            List<ScanFinding> findings = Findings.of(output.hits(), verdicts, baseline, settings.failOn());
            if (settings.writeBaseline()) {
                Baseline.write(settings.baseline(), findings);
                mojo.log()
                        .info("Wrote the baseline " + settings.baseline() + " with " + findings.size()
                                + " findings; commit it. An ACTIVE key is never silenced by it: rotate that key.");
                Set<String> all =
                        findings.stream().map(ScanFinding::fingerprint).collect(Collectors.toSet());
                findings = Findings.of(output.hits(), verdicts, all, settings.failOn());
            }
            return new ScanResult(
                    root.toString(),
                    scanSources.prefix(),
                    scanSources.git(),
                    settings.history(),
                    settings.history() ? settings.since() : null,
                    findings,
                    output.skipped(),
                    output.files(),
                    output.bytes(),
                    (System.nanoTime() - start) / 1_000_000,
                    settings.failOn(),
                    null);
        }
    }

    private ContentSource history(GitRepository git) throws ConfigurationProblem {
        if (git == null) {
            throw new ConfigurationProblem("gigachat.scan.history=true, but " + settings.directory()
                    + " is not inside a git repository: there is no history to scan. Drop the property, or scan a"
                    + " git checkout (in CI: fetch the history, e.g. actions/checkout with fetch-depth: 0).");
        }
        try {
            return git.history(settings.since());
        } catch (UnknownRevisionException e) {
            throw new ConfigurationProblem("gigachat.scan.since is '" + e.revision()
                    + "', which this repository does not know. Fetch it first (e.g. git fetch origin main, or"
                    + " actions/checkout with fetch-depth: 0), or name a branch, tag or commit that exists.");
        }
    }

    private Set<String> readBaseline() throws IOException, ConfigurationProblem {
        Path file = settings.baseline();
        if (!Files.exists(file)) {
            if (mojo.baselineConfigured() && !settings.writeBaseline()) {
                throw new ConfigurationProblem("gigachat.scan.baseline is " + file
                        + ", which does not exist. Create it with -Dgigachat.scan.writeBaseline=true, or fix the"
                        + " path.");
            }
            return Set.of();
        }
        try {
            return Baseline.read(file);
        } catch (Baseline.InvalidBaselineException e) {
            throw new ConfigurationProblem(e.getMessage() + " Fix it (gigachat.scan.baseline), or write it anew with"
                    + " -Dgigachat.scan.writeBaseline=true.");
        }
    }

    private Map<String, Verdict> check(List<String> keys) throws ConfigurationProblem {
        KeyChecks checks = new KeyChecks(DEMO_KEYS, mojo.masker);
        String whyNot = whyNoLiveCheck();
        boolean anyToSend = keys.stream().anyMatch(key -> !DEMO_KEYS.contains(key));
        if (whyNot != null || !anyToSend) {
            return checks.check(keys, null, whyNot);
        }
        List<String> notes = new ArrayList<>();
        ClientConfig config;
        try {
            config = mojo.clientConfig(notes);
        } catch (MojoExecutionException e) {
            throw new ConfigurationProblem(e.getMessage());
        }
        notes.forEach(note -> mojo.log().info(note));
        if (mojo.insecure()) {
            mojo.warnInsecure();
        }
        mojo.log()
                .info("Checking " + keys.size() + (keys.size() == 1 ? " key" : " distinct keys") + " found against "
                        + config.authUrl() + " (one token request per scope, no paid call)...");
        try (GigaChatClient client = GigaChatClient.create(config, mojo.masker, mojo.tokenBroker())) {
            Function<AuthorizationKey, TokenOutcome> exchange = key -> client.exchange(key, null);
            return checks.check(keys, exchange, null);
        }
    }

    private String whyNoLiveCheck() {
        if (!settings.verify()) {
            return "gigachat.scan.verify=false";
        }
        if (mojo.session.isOffline()) {
            return "Maven is offline (-o)";
        }
        if (mojo.emulator) {
            return "gigachat.emulator=true, and the built-in emulator cannot tell whether a real key works";
        }
        return null;
    }

    /** A setting the user must fix; the message names it. */
    static final class ConfigurationProblem extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigurationProblem(String message) {
            super(message);
        }
    }
}
