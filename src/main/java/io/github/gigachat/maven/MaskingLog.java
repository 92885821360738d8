package io.github.gigachat.maven;

import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.embed.EmbedRun;
import org.apache.maven.plugin.logging.Log;

/** The mojo's log with every known secret masked; all of the plugin's own output goes through it. */
final class MaskingLog implements EmbedRun.Log {
    private final Log log;
    private final SecretMasker masker;

    MaskingLog(Log log, SecretMasker masker) {
        this.log = log;
        this.masker = masker;
    }

    boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    void debug(String message) {
        if (log.isDebugEnabled()) {
            log.debug(masker.mask(message));
        }
    }

    @Override
    public void info(String message) {
        log.info(masker.mask(message));
    }

    @Override
    public void warn(String message) {
        log.warn(masker.mask(message));
    }

    void error(String message) {
        log.error(masker.mask(message));
    }
}
