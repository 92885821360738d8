package io.github.gigachat.scan.bench;

import io.github.gigachat.scan.KeyDetector;
import io.github.gigachat.scan.KeyFinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes the benchmark tree of {@code bench/scan-throughput.sh}:
 *
 * <pre>
 * java -cp target/test-classes:target/classes io.github.gigachat.scan.bench.ScanTreeMain \
 *     &lt;dir&gt; [files=50000] [bytes=209715200] [seed=1] [--git] [--check]
 * </pre>
 *
 * {@code --check} runs the {@link KeyDetector} over every file on one thread and fails unless it finds exactly the
 * planted keys, printing how fast it read. {@code --git} then makes the tree a git repository with a {@code .gitignore}
 * and one commit of every file (fixed author and dates), so that the scan walks git's index as on a real project.
 */
public final class ScanTreeMain {
    static final String FIXED_DATE = "2026-01-01T00:00:00Z";

    private ScanTreeMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> positional = new ArrayList<>();
        boolean git = false;
        boolean check = false;
        for (String arg : args) {
            switch (arg) {
                case "--git" -> git = true;
                case "--check" -> check = true;
                default -> positional.add(arg);
            }
        }
        if (positional.isEmpty() || positional.size() > 4) {
            System.err.println("usage: ScanTreeMain <dir> [files=50000] [bytes=209715200] [seed=1] [--git] [--check]");
            System.exit(2);
        }
        Path dir = Path.of(positional.get(0));
        int files = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 50_000;
        long bytes = positional.size() > 2 ? Long.parseLong(positional.get(2)) : 200L << 20;
        long seed = positional.size() > 3 ? Long.parseLong(positional.get(3)) : 1;

        long start = System.nanoTime();
        ScanTree.Summary summary = ScanTree.write(dir, files, bytes, seed);
        System.out.printf(
                "Wrote %,d files, %,d bytes, %d planted demo keys (%d distinct) in %d ms%n",
                summary.files(),
                summary.bytes(),
                summary.planted().size(),
                summary.planted().stream()
                        .map(PlantedKey::fingerprint)
                        .distinct()
                        .count(),
                (System.nanoTime() - start) / 1_000_000);
        if (check && !check(dir, summary)) {
            System.exit(1);
        }
        if (git) {
            start = System.nanoTime();
            commitAll(dir);
            System.out.printf("Committed the tree with git in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** {@code git init} and one commit of every file, with fixed names and dates. */
    static void commitAll(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(".gitignore"), "target/\n");
        git(dir, "init", "-q", "-b", "main");
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "--no-verify", "--no-gpg-sign", "-m", "Generated benchmark tree");
    }

    static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.autocrlf=false", "-c", "user.name=Bench"));
        command.addAll(List.of("-c", "user.email=bench@example.invalid"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).inheritIO();
        builder.environment().putAll(Map.of("GIT_AUTHOR_DATE", FIXED_DATE, "GIT_COMMITTER_DATE", FIXED_DATE));
        int status = builder.start().waitFor();
        if (status != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed with status " + status);
        }
    }

    /** Whether the detector finds exactly the planted keys (by path, line and fingerprint), and nothing else. */
    static boolean check(Path dir, ScanTree.Summary summary) throws IOException {
        KeyDetector detector = new KeyDetector();
        Set<String> found = new TreeSet<>();
        long bytes = 0;
        long start = System.nanoTime();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            bytes += content.length;
            String path = dir.relativize(file).toString().replace('\\', '/');
            for (KeyFinding finding : detector.detect(new String(content, StandardCharsets.UTF_8))) {
                found.add(path + ":" + finding.line() + " " + finding.fingerprint());
            }
        }
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        Set<String> expected = new TreeSet<>();
        summary.planted().forEach(k -> expected.add(k.path() + ":" + k.line() + " " + k.fingerprint()));
        System.out.printf(
                "KeyDetector on one thread: %,d files, %,d bytes in %d ms (%.0f MB/s), %d findings%n",
                files.size(), bytes, millis, bytes / 1e6 / (millis / 1e3), found.size());
        if (!found.equals(expected)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(found);
            Set<String> unexpected = new TreeSet<>(found);
            unexpected.removeAll(expected);
            System.out.println("The detector did not find exactly the planted keys; missing " + missing
                    + ", unexpected " + unexpected);
            return false;
        }
        return true;
    }
}
