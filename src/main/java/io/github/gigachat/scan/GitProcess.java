package io.github.gigachat.scan;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one read-only git command the way the scan needs it: found on the PATH by absolute path (never in the current
 * directory), no stdin, no prompt, no optional lock (so no index write), the C locale, output to temporary files (a huge
 * listing cannot block the process), killed after a timeout.
 */
final class GitProcess {
    /** Variables that would point git at another repository or index than the one the directory belongs to. */
    private static final List<String> REPOSITORY_OVERRIDES = List.of(
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_COMMON_DIR",
            "GIT_OBJECT_DIRECTORY",
            "GIT_ALTERNATE_OBJECT_DIRECTORIES",
            "GIT_NAMESPACE",
            "GIT_PREFIX");

    private final Path executable;
    private final Map<String, String> environment;
    private final Duration timeout;

    private GitProcess(Path executable, Map<String, String> environment, Duration timeout) {
        this.executable = executable;
        this.environment = environment;
        this.timeout = timeout;
    }

    /**
     * Git as the PATH of this environment names it, or empty when no directory on it holds a git executable.
     *
     * @param environment the variables the process inherits; its {@code PATH} is searched
     */
    static Optional<GitProcess> onPath(Map<String, String> environment, Duration timeout) {
        String path = environment.getOrDefault("PATH", environment.get("Path"));
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = File.pathSeparatorChar == ';';
        String name = windows ? "git.exe" : "git";
        for (String entry : path.split(File.pathSeparator)) {
            Path directory = entry.isEmpty() ? null : Path.of(entry);
            // A relative entry (or an empty one, meaning ".") would run a "git" the scanned repository ships.
            if (directory != null && directory.isAbsolute()) {
                Path candidate = directory.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new GitProcess(candidate, environment, timeout));
                }
            }
        }
        return Optional.empty();
    }

    /** What a git command printed, once it exited with 0. */
    record Output(byte[] stdout, String stderr) {}

    /**
     * Runs {@code git -C directory arguments...}.
     *
     * @throws GitCommandLine.CommandFailedException when git could not start, exited with another code than 0, or
     *     outlived the timeout (then it is killed)
     * @throws IOException when the temporary files for its output could not be written or read
     */
    Output run(Path directory, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(executable.toString(), "-c", "core.fsmonitor=false", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        String what = "git " + arguments[0];
        Path stdout = Files.createTempFile("gigachat-git-", ".out");
        try {
            Path stderr = Files.createTempFile("gigachat-git-", ".err");
            try {
                int exit = runTo(command, what, stdout, stderr);
                String errors = Files.readString(stderr, StandardCharsets.UTF_8);
                if (exit != 0) {
                    throw new GitCommandLine.CommandFailedException(what + " exited with " + exit + firstLine(errors));
                }
                return new Output(Files.readAllBytes(stdout), errors);
            } finally {
                Files.deleteIfExists(stderr);
            }
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    private int runTo(List<String> command, String what, Path stdout, Path stderr) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment);
        REPOSITORY_OVERRIDES.forEach(env::remove);
        env.put("GIT_OPTIONAL_LOCKS", "0");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new GitCommandLine.CommandFailedException(what + " could not start: " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new GitCommandLine.CommandFailedException(
                        what + " did not finish within " + timeout.toMillis() + " ms and was stopped");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " was interrupted");
        }
    }

    /** The first line git wrote to stderr, shortened: a reason for the debug log (git names paths, never content). */
    private static String firstLine(String stderr) {
        String line = stderr.strip().lines().findFirst().orElse("");
        if (line.isEmpty()) {
            return "";
        }
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }

    @Override
    public String toString() {
        return executable.toString();
    }
}
