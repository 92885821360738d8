package io.github.gigachat.scan;

import java.io.IOException;

/** One file or blob a {@link ContentSource} offers: cheap to list, read only when scanned. */
public interface ScanItem {
    Origin origin();

    /** Size in bytes, or -1 when not known before reading. */
    long size();

    /**
     * The whole content. Called at most once, from any thread.
     *
     * @param limit read at most this many bytes; a longer content throws {@link TooLargeException}
     */
    byte[] read(long limit) throws IOException;

    /** The content is larger than the limit it was read with. */
    final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public TooLargeException(long limit) {
            super("larger than " + limit + " bytes");
        }
    }
}
