package io.github.gigachat.scan.git;

import java.util.concurrent.ConcurrentLinkedDeque;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Readers of the object database lent to the threads that load blobs, one thread at a time each. A JGit reader is not
 * thread-safe but keeps a cache of delta bases: reusing readers instead of opening one per blob makes reading a
 * history several times faster, as consecutive versions of a file are stored as deltas of each other.
 */
final class ObjectReaders implements AutoCloseable {
    private final Repository repository;
    private final ConcurrentLinkedDeque<ObjectReader> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ObjectReaders(Repository repository) {
        this.repository = repository;
    }

    /** A reader for this thread alone until {@link #release released}. */
    ObjectReader borrow() {
        if (closed) {
            throw new IllegalStateException("the git repository was closed");
        }
        ObjectReader reader = idle.pollFirst();
        return reader != null ? reader : repository.newObjectReader();
    }

    void release(ObjectReader reader) {
        idle.offerFirst(reader);
        if (closed) {
            drain();
        }
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (ObjectReader reader = idle.pollFirst(); reader != null; reader = idle.pollFirst()) {
            reader.close();
        }
    }
}
