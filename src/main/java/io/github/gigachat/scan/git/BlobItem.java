package io.github.gigachat.scan.git;

import io.github.gigachat.scan.Origin;
import io.github.gigachat.scan.ScanItem;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * A blob of the history, loaded only when scanned. Each read borrows a reader of its own (JGit's readers are not
 * thread-safe; the repository and its pack cache are), so several scanner threads read at once.
 */
final class BlobItem implements ScanItem {
    /** The largest array a JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final ObjectReaders readers;
    private final ObjectId blob;
    private final Origin origin;
    private final long size;

    BlobItem(ObjectReaders readers, ObjectId blob, Origin origin, long size) {
        this.readers = readers;
        this.blob = blob;
        this.origin = origin;
        this.size = size;
    }

    @Override
    public Origin origin() {
        return origin;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] read(long limit) throws IOException {
        if (size > limit || size > MAX_ARRAY) {
            throw new ScanItem.TooLargeException(limit);
        }
        ObjectReader reader = readers.borrow();
        try {
            ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
            if (!loader.isLarge()) {
                return loader.getBytes();
            }
            try (InputStream in = loader.openStream()) {
                return in.readNBytes((int) size);
            }
        } finally {
            readers.release(reader);
        }
    }

    @Override
    public String toString() {
        return origin.toString();
    }
}
