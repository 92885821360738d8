package io.github.gigachat.maven;

import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.ConfigurationException;
import io.github.gigachat.client.Credential;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.emulator.GigaChatEmulator;
import io.github.gigachat.verify.Verifier;
import io.github.gigachat.verify.VerifyRequest;
import io.github.gigachat.verify.VerifyResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks that the GigaChat key works and that the services the project relies on are paid for. The network check runs
 * once per build; later modules reuse its result. Reports are written in every outcome.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class VerifyMojo extends AbstractGigaChatMojo {
    /** Comma-separated model ids that must be available to the key, e.g. {@code Embeddings,GigaChat-Pro}. */
    @Parameter(property = "gigachat.requiredModels")
    private String requiredModels;

    /** Comma-separated services (balance {@code usage} names) that must be paid for. */
    @Parameter(property = "gigachat.services", defaultValue = "embeddings")
    private String services;

    /** Fewest tokens a prepaid service may have left and still count as paid. */
    @Parameter(property = "gigachat.minBalance", defaultValue = "1")
    private String minBalance;

    /** Make one minimal real call per service (embedding one short text) as definitive proof of payment. */
    @Parameter(property = "gigachat.probe", defaultValue = "false")
    private boolean probe;

    /** Embedding model the probe uses. */
    @Parameter(property = "gigachat.embed.model", defaultValue = "Embeddings")
    private String probeModel;

    /** Fail the build when a required service is not paid for ({@code VALID_UNPAID}). */
    @Parameter(property = "gigachat.failOnUnpaid", defaultValue = "true")
    private boolean failOnUnpaid;

    /** Fail the build when the check could not finish ({@code UNKNOWN}: network, TLS, 5xx, unexpected answers). */
    @Parameter(property = "gigachat.failOnUnknown", defaultValue = "true")
    private boolean failOnUnknown;

    /** Where {@code verify-report.json} and {@code TEST-gigachat-verify.xml} are written. */
    @Parameter(property = "gigachat.reportDirectory", defaultValue = "${project.build.directory}/gigachat")
    private File reportDirectory;

    @Inject
    public VerifyMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        SummaryPrinter printer = new SummaryPrinter(
                log(), reportDirectory.toPath(), environment.get("GITHUB_STEP_SUMMARY"), project.getArtifactId());
        if (skip || session.isOffline()) {
            String reason =
                    skip ? "Skipped (gigachat.skip=true)." : "Skipped: Maven is offline (-o), no network call made.";
            log().info("GigaChat key check: " + reason);
            printer.publish(VerifyResult.skipped(reason, emulator), false);
            return;
        }
        BuildCacheExtensionCheck.warnIfSkippedOnHit(session, project, mojoExecution, log());
        List<String> notes = new ArrayList<>();
        VerifyRequest request;
        ClientConfig config;
        try {
            request = request(notes);
            config = emulator ? null : clientConfig(notes, request.certificate());
            if (!emulator && insecure()) {
                warnInsecure();
            }
        } catch (MojoExecutionException e) {
            printer.publish(configurationFailure(e.getMessage()), false);
            throw e;
        }
        notes.forEach(note -> log().info(note));
        BuildCache.Entry<VerifyResult> entry =
                BuildCache.get(session.getRequest(), cacheKey(request, config), () -> verify(request, config));
        printer.publish(entry.value(), entry.computed());
        if (entry.value().checks().get(0).name().equals("configuration")) {
            throw new MojoExecutionException(entry.value().summary());
        }
        printer.decide(entry.value(), failOnUnpaid, failOnUnknown);
    }

    private VerifyRequest request(List<String> notes) throws MojoExecutionException {
        BigDecimal minimum = minimumBalance();
        List<String> serviceList = splitList(services);
        if (serviceList.isEmpty()) {
            throw new MojoExecutionException("gigachat.services is empty: name at least one service, e.g. embeddings.");
        }
        MavenCredentials.Resolved found;
        if (emulator) {
            log().warn("gigachat.emulator=true: checking the built-in GigaChat EMULATOR with its demo key, not Sber's"
                    + " service. Nothing real is verified.");
            String demoKey = ApiConnection.demoAccount(scopeSetting()).authorizationKey();
            found = new MavenCredentials.Resolved(
                    new Credential.Key("emulator:demo", "the built-in emulator (its demo key)", demoKey), null, null);
        } else {
            found = credentials(notes);
        }
        return new VerifyRequest(
                found.credential(),
                found.missingHelp(),
                found.certificate(),
                certificateWarning(),
                scopeSetting(),
                splitList(requiredModels),
                serviceList,
                minimum,
                probe,
                probeModel);
    }

    /** A String parameter parsed here: Maven 3.6's configurator cannot build a BigDecimal. */
    private BigDecimal minimumBalance() throws MojoExecutionException {
        try {
            BigDecimal value = new BigDecimal(minBalance.strip());
            if (value.signum() < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new MojoExecutionException(
                    "gigachat.minBalance is '" + minBalance + "': use a number of tokens, 0 or more (default 1).");
        }
    }

    private VerifyResult verify(VerifyRequest request, ClientConfig config) {
        if (!emulator) {
            return verify(request, config, false);
        }
        try (GigaChatEmulator server = GigaChatEmulator.builder().demoAccounts().start()) {
            log().info("GigaChat emulator listening on " + server.baseUrl());
            ClientConfig.Builder local =
                    ClientConfig.builder().authUrl(server.authUrl()).baseUrl(server.baseUrl());
            return verify(request, local.build(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the GigaChat emulator on 127.0.0.1", e);
        }
    }

    private VerifyResult verify(VerifyRequest request, ClientConfig config, boolean emulated) {
        try (GigaChatClient client = GigaChatClient.create(config, masker, tokenBroker())) {
            log().debug("Checking " + request + " against " + config.authUrl() + " and " + config.baseUrl());
            return new Verifier(client, masker, Clock.systemUTC(), emulated, new HelpfulSuggestions()).verify(request);
        } catch (ConfigurationException e) {
            return configurationFailure(e.getMessage());
        } catch (RuntimeException e) {
            // never a crash without a report: the check could not finish
            return VerifyResult.unfinished(
                    "verify",
                    masker.mask("The check could not finish: " + e),
                    request.credentialsSource(),
                    emulated,
                    config.insecure());
        }
    }

    private String cacheKey(VerifyRequest request, ClientConfig config) {
        return String.join(
                "|",
                String.valueOf(emulator),
                String.valueOf(request),
                MavenCredentials.cacheKey(request.credential()),
                request.certificate() == null ? "-" : request.certificate().toString(),
                config == null
                        ? "-"
                        : config.authUrl() + " " + config.baseUrl() + " " + config.timeout() + " " + config.insecure()
                                + " " + config.proxy() + " " + caBundleFile);
    }

    private VerifyResult configurationFailure(String message) {
        return VerifyResult.unfinished("configuration", masker.mask(message), null, emulator, false);
    }
}
