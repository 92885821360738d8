package io.github.gigachat.scan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which files a generated repository has: paths laid out like a multi-module Maven project, types by their usual
 * shares, and sizes drawn from a log-normal distribution (many small files, a few large ones) scaled to an exact total.
 */
final class TreeLayout {
    /** Smallest file: room for any header, footer and plant. */
    static final int MIN_FILE_BYTES = 256;

    private static final int FILES_PER_MODULE = 500;
    private static final double SIZE_SIGMA = 1.2;
    private static final String[] SUFFIXES = {"Service", "Repository", "Controller", "Mapper", "Config", "Test"};

    /** One file to write. */
    record FileSpec(String path, FileType type, int bytes) {}

    private TreeLayout() {}

    static List<FileSpec> plan(int files, long bytes, Random random) {
        if (files < 1 || bytes < (long) files * MIN_FILE_BYTES) {
            throw new IllegalArgumentException("cannot lay out " + files + " files in " + bytes + " bytes (at least "
                    + MIN_FILE_BYTES + " bytes a file)");
        }
        double[] weights = new double[files];
        double sum = 0;
        for (int i = 0; i < files; i++) {
            weights[i] = Math.exp(SIZE_SIGMA * random.nextGaussian());
            sum += weights[i];
        }
        double spare = bytes - (double) files * MIN_FILE_BYTES;
        int[] sizes = new int[files];
        long total = 0;
        int largest = 0;
        for (int i = 0; i < files; i++) {
            sizes[i] = MIN_FILE_BYTES + (int) (weights[i] / sum * spare);
            total += sizes[i];
            largest = sizes[i] > sizes[largest] ? i : largest;
        }
        sizes[largest] += (int) (bytes - total); // rounding left it a little short: never below the minimum
        List<FileSpec> specs = new ArrayList<>(files);
        for (int i = 0; i < files; i++) {
            FileType type = FileType.forRoll(random.nextInt(FileType.totalWeight()));
            specs.add(new FileSpec(path(i, files, type, random), type, sizes[i]));
        }
        return specs;
    }

    /** A path for the {@code index}-th of {@code files} files, unique by its index. */
    static String path(int index, int files, FileType type, Random random) {
        int modules = Math.max(1, files / FILES_PER_MODULE);
        String module = "m%03d".formatted((int) ((long) index * modules / files));
        String noun = new RepositoryText(random).noun();
        String pkg = new RepositoryText(random).noun();
        String name = noun + "-" + "%06d".formatted(index);
        return switch (type) {
            case JAVA -> module + "/src/main/java/com/example/" + pkg + "/" + className(noun, index, random) + ".java";
            case XML -> module + "/src/main/resources/" + pkg + "/" + name + ".xml";
            case PROPERTIES -> module + "/src/main/resources/config/" + name + ".properties";
            case YAML -> module + "/deploy/" + pkg + "/" + name + ".yaml";
            case JSON -> module + "/src/test/resources/fixtures/" + pkg + "/" + name + ".json";
            case MARKDOWN -> module + "/docs/" + pkg + "/" + name + ".md";
            case ENV -> module + "/env/" + name + ".env";
        };
    }

    private static String className(String noun, int index, Random random) {
        return RepositoryText.capitalized(noun) + SUFFIXES[random.nextInt(SUFFIXES.length)] + "%06d".formatted(index);
    }

    /** The Java class name a path ends with, or the file's name for other types. */
    static String nameOf(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.substring(0, file.lastIndexOf('.'));
    }
}
