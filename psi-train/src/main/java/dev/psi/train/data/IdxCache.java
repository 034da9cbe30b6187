package dev.psi.train.data;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IDX files a process has read, kept decoded so that the next trial on the same data skips the read: a
 * worker runs many trials of a few tasks one after another, and decompressing Fashion-MNIST's training images
 * cost 0.4–0.6 s per trial (this machine, 2 cores shared), more than the training of a short trial.
 *
 * <p>An entry is reused only while both files are the same files (device and inode where the system has them)
 * with the size and modification time (to the file system's precision) they had when read, so an edited or
 * replaced file is read again. Entries are soft references: under memory pressure the collector drops them
 * and the files are simply read again. At most {@value #ENTRIES} pairs are kept, the least recently used
 * dropped first. The arrays are shared between trials and, like {@link Examples}', must not be written to.
 */
final class IdxCache {

    /** Image/label file pairs kept: a training and a test pair of two data sets. */
    static final int ENTRIES = 4;

    private static final Map<Key, SoftReference<Idx.Labelled>> CACHE = new LinkedHashMap<>(8, 0.75f, true);

    private IdxCache() {
    }

    /** The images and labels of the two files, from the cache when they have not changed since read. */
    static Idx.Labelled labelled(Path imagesFile, Path labelsFile) {
        Key key = Key.of(imagesFile, labelsFile);
        if (key == null) {
            // Unreadable attributes: let the reader report the problem with its own message.
            return Idx.readLabelled(imagesFile, labelsFile);
        }
        synchronized (CACHE) {
            SoftReference<Idx.Labelled> cached = CACHE.get(key);
            Idx.Labelled data = cached == null ? null : cached.get();
            if (data != null) {
                return data;
            }
        }
        Idx.Labelled data = Idx.readLabelled(imagesFile, labelsFile);
        synchronized (CACHE) {
            CACHE.put(key, new SoftReference<>(data));
            while (CACHE.size() > ENTRIES) {
                CACHE.remove(CACHE.keySet().iterator().next());
            }
        }
        return data;
    }

    /** Forgets every entry. */
    static void clear() {
        synchronized (CACHE) {
            CACHE.clear();
        }
    }

    /** Two files as they are now: absolute paths, file keys (null where none), sizes and modification times. */
    private record Key(Path images, Object imagesFile, long imagesSize, FileTime imagesModified, Path labels,
            Object labelsFile, long labelsSize, FileTime labelsModified) {

        static Key of(Path imagesFile, Path labelsFile) {
            try {
                BasicFileAttributes images = Files.readAttributes(imagesFile, BasicFileAttributes.class);
                BasicFileAttributes labels = Files.readAttributes(labelsFile, BasicFileAttributes.class);
                return new Key(imagesFile.toAbsolutePath().normalize(), images.fileKey(), images.size(),
                        images.lastModifiedTime(), labelsFile.toAbsolutePath().normalize(), labels.fileKey(),
                        labels.size(), labels.lastModifiedTime());
            } catch (IOException | SecurityException e) {
                return null;
            }
        }
    }
}
