package io.github.gigachat.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gigachat.scan.git.GitRepository;
import io.github.gigachat.scan.git.TestRepository;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommandLineTest {
    private static final String LINK_OUTSIDE = "symbolic link to a path outside the scanned directory, not followed";

    @TempDir
    Path dir;

    TestRepository repo;
    final List<String> reasons = new ArrayList<>();

    @BeforeAll
    static void gitIsInstalled() {
        assumeTrue(
                GitProcess.onPath(System.getenv(), GitCommandLine.TIMEOUT).isPresent(),
                "git is not installed: nothing to compare");
    }

    @BeforeEach
    void initRepository() throws GitAPIException {
        repo = TestRepository.init(dir);
    }

    @AfterEach
    void closeRepository() {
        repo.close();
    }

    /** What a source offers, as text: each item's path and size, each skip's path and reason, in order. */
    record Listing(List<String> items, List<String> skipped) {
        static Listing of(ContentSource source) throws IOException {
            List<String> items = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            source.list(
                    item -> items.add(item.origin().path() + " (" + item.size() + " bytes)"),
                    skip -> skipped.add(skip.origin().path() + ": " + skip.reason()));
            return new Listing(items, skipped);
        }

        List<String> paths() {
            return items.stream()
                    .map(item -> item.substring(0, item.lastIndexOf(" (")))
                    .toList();
        }
    }

    static Listing commandLine(Path directory) throws IOException {
        return Listing.of(GitCommandLine.locate(directory).orElseThrow().workingTree());
    }

    static Listing jgit(Path directory) throws IOException {
        try (GitRepository git = GitRepository.find(directory).orElseThrow()) {
            return Listing.of(git.workingTree());
        }
    }

    /** Lists with both, asserts they agree item for item and skip for skip, and gives the command line's listing. */
    static Listing sameAsJGit(Path directory) throws IOException {
        Listing listing = commandLine(directory);
        assertThat(listing).isEqualTo(jgit(directory));
        return listing;
    }

    /** This process's environment with the directory first on the PATH, or alone on it. */
    static Map<String, String> pathWith(Path directory, boolean alone) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        String path = environment.get("PATH");
        environment.put("PATH", alone || path == null ? directory.toString() : directory + File.pathSeparator + path);
        return environment;
    }

    static Map<String, String> pathWith(Path directory) {
        return pathWith(directory, false);
    }

    /** A directory holding a shell script named git, as a PATH entry. */
    Path fakeGit(Path bin, String script) throws IOException {
        assumeFalse(File.pathSeparatorChar == ';', "a shell script stands in for git");
        Files.createDirectories(bin);
        Path git = bin.resolve("git");
        Files.writeString(git, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    /** The real git's absolute path, for a script that passes some commands on to it. */
    static String realGit() {
        return GitProcess.onPath(System.getenv(), GitCommandLine.TIMEOUT)
                .orElseThrow()
                .toString();
    }

    @Nested
    class Locate {
        @Test
        void theRootHasAnEmptyPrefixAndADirectoryBelowItsPathWithASlash() throws IOException {
            Files.createDirectories(dir.resolve("services/billing"));

            GitCommandLine.Checkout root = GitCommandLine.locate(dir).orElseThrow();
            GitCommandLine.Checkout below =
                    GitCommandLine.locate(dir.resolve("services/billing")).orElseThrow();

            assertThat(root.workTree()).isEqualTo(dir.toRealPath());
            assertThat(root.prefix()).isEmpty();
            assertThat(below.workTree()).isEqualTo(dir.toRealPath());
            assertThat(below.prefix()).isEqualTo("services/billing/");
            try (GitRepository jgit =
                    GitRepository.find(dir.resolve("services/billing")).orElseThrow()) {
                assertThat(below.prefix()).isEqualTo(jgit.prefix());
            }
        }

        @Test
        void findsNothingOutsideAWorkTree(@TempDir Path plain) throws IOException {
            assertThat(GitCommandLine.locate(plain, reasons::add)).isEmpty();
            assertThat(reasons).singleElement().asString().contains("git rev-parse exited with 128");
        }

        @Test
        void findsNothingInsideTheGitDirectory() throws IOException {
            assertThat(GitCommandLine.locate(dir.resolve(".git"))).isEmpty();
        }

        @Test
        void aBareRepositoryHasNoWorkTree(@TempDir Path bare) throws GitAPIException, IOException {
            Git.init().setDirectory(bare.toFile()).setBare(true).call().close();

            assertThat(GitCommandLine.locate(bare)).isEmpty();
        }

        @Test
        void findsNothingWhenNoGitIsOnThePath(@TempDir Path emptyBin) throws IOException {
            assertThat(GitCommandLine.locate(dir, reasons::add, pathWith(emptyBin, true), GitCommandLine.TIMEOUT))
                    .isEmpty();
            assertThat(reasons).containsExactly("no git executable on the PATH");
        }

        @Test
        void findsNothingWhenGitRefusesAndSaysWhy(@TempDir Path bin) throws IOException {
            Path path =
                    fakeGit(bin, "echo \"fatal: detected dubious ownership in repository at '$PWD'\" >&2; exit 128");

            assertThat(GitCommandLine.locate(dir, reasons::add, pathWith(path), GitCommandLine.TIMEOUT))
                    .isEmpty();
            assertThat(reasons)
                    .singleElement()
                    .asString()
                    .startsWith("git rev-parse exited with 128: fatal: detected dubious ownership");
        }

        @Test
        void findsNothingWhenGitDoesNotAnswerInTime(@TempDir Path bin) throws IOException {
            Path path = fakeGit(bin, "exec sleep 600");

            assertThat(GitCommandLine.locate(dir, reasons::add, pathWith(path), Duration.ofMillis(200)))
                    .isEmpty();
            assertThat(reasons).containsExactly("git rev-parse did not finish within 200 ms and was stopped");
        }

        @Test
        void runsGitWithoutStdinPromptsLocksOrAnotherRepositorysVariables(@TempDir Path bin) throws IOException {
            Path seen = bin.resolve("seen");
            Path path = fakeGit(
                    bin.resolve("bin"),
                    "{ read line && echo \"stdin: $line\"; echo \"locks=$GIT_OPTIONAL_LOCKS prompt=$GIT_TERMINAL_PROMPT"
                            + " lc=$LC_ALL dir=${GIT_DIR-unset} index=${GIT_INDEX_FILE-unset}\"; } > '" + seen
                            + "'; exec " + realGit() + " \"$@\"");
            Map<String, String> environment = pathWith(path);
            environment.put("GIT_DIR", "/elsewhere/.git");
            environment.put("GIT_INDEX_FILE", "/elsewhere/index");
            environment.put("LC_ALL", "de_DE.UTF-8");

            assertThat(GitCommandLine.locate(dir, reasons::add, environment, GitCommandLine.TIMEOUT))
                    .isPresent();
            assertThat(Files.readString(seen).strip()).isEqualTo("locks=0 prompt=0 lc=C dir=unset index=unset");
        }
    }

    @Nested
    class SameListingAsJGit {
        @Test
        void trackedAndUntrackedFilesButNeitherIgnoredOnesNorGitsOwn() throws Exception {
            repo.write(".gitignore", "*.log\nbuild/\n")
                    .write("app.properties", "a=1")
                    .commitAll("first");
            repo.write("new.env", "untracked").write("debug.log", "ignored").write("build/out.txt", "ignored");

            assertThat(sameAsJGit(dir).paths()).containsExactly(".gitignore", "app.properties", "new.env");
        }

        @Test
        void aGitignoreAppliesOnlyBelowItsDirectory() throws Exception {
            repo.write("config/.gitignore", "secret.env\n")
                    .write("config/secret.env", "ignored here")
                    .write("secret.env", "not ignored here");

            assertThat(sameAsJGit(dir).paths()).containsExactly("config/.gitignore", "secret.env");
        }

        @Test
        void aNegatedPatternKeepsAFile() throws Exception {
            repo.write(".gitignore", "*.txt\n!keep.txt\n")
                    .write("drop.txt", "ignored")
                    .write("keep.txt", "kept")
                    .write("docs/keep.txt", "kept too");

            assertThat(sameAsJGit(dir).paths()).containsExactly(".gitignore", "docs/keep.txt", "keep.txt");
        }

        @Test
        void infoExcludeAndCoreExcludesFile(@TempDir Path home) throws Exception {
            repo.write(".git/info/exclude", "local.properties\n").write("local.properties", "excluded");
            Path excludes = home.resolve("global-ignore");
            Files.writeString(excludes, ".idea/\n");
            StoredConfig config = repo.git.getRepository().getConfig();
            config.setString("core", null, "excludesFile", excludes.toString());
            config.save();
            repo.write(".idea/workspace.xml", "excluded").write("app.yaml", "kept");

            assertThat(sameAsJGit(dir).paths()).containsExactly("app.yaml");
        }

        @Test
        void aTrackedFileThatAnIgnoreRuleWouldExclude() throws Exception {
            repo.write("committed.log", "tracked").commitAll("force-added, as it were");
            repo.write(".gitignore", "*.log\n").write("fresh.log", "untracked and ignored");

            assertThat(sameAsJGit(dir).paths()).containsExactly(".gitignore", "committed.log");
        }

        @Test
        void anIgnoredDirectoryOnlyForItsTrackedFiles() throws Exception {
            repo.write("generated/kept.properties", "tracked")
                    .write("lib/generated/deeper/kept.properties", "tracked")
                    .commitAll("first");
            repo.write(".gitignore", "generated/\n")
                    .write("generated/new.properties", "untracked and ignored")
                    .write("lib/generated/deeper/new.properties", "untracked and ignored");

            assertThat(sameAsJGit(dir).paths())
                    .containsExactly(".gitignore", "generated/kept.properties", "lib/generated/deeper/kept.properties");
        }

        @Test
        void aTrackedFileDeletedSinceIsLeftOutSilently() throws Exception {
            repo.write("gone.properties", "x").write("here.properties", "y").commitAll("first");
            repo.delete("gone.properties");

            assertThat(sameAsJGit(dir)).isEqualTo(new Listing(List.of("here.properties (1 bytes)"), List.of()));
        }

        @Test
        void trackedFilesAsTheyAreOnDiskNow() throws Exception {
            repo.write("app.properties", "committed").commitAll("first");
            repo.write("app.properties", "edited since");

            assertThat(sameAsJGit(dir).items()).containsExactly("app.properties (12 bytes)");
        }

        @Test
        void aTargetDirectoryIsWhatGitSaysItIs() throws Exception {
            repo.write("pom.xml", "<project/>").write("target/classes/app.properties", "not ignored");

            assertThat(sameAsJGit(dir).paths()).containsExactly("pom.xml", "target/classes/app.properties");
        }

        @Test
        void aNestedRepositoryIsNotEntered() throws Exception {
            repo.write("app.properties", "a=1");
            try (TestRepository nested = TestRepository.init(dir.resolve("vendor/lib"))) {
                nested.write("secret.env", "inside another repository").commitAll("nested");
            }

            assertThat(sameAsJGit(dir).paths()).containsExactly("app.properties");
        }

        @Test
        void aSubmoduleIsNotEntered(@TempDir Path library) throws Exception {
            try (TestRepository lib = TestRepository.init(library)) {
                lib.write("secret.env", "belongs to the submodule's own scan").commitAll("lib");
            }
            repo.git
                    .submoduleAdd()
                    .setPath("lib")
                    .setURI(library.toUri().toString())
                    .call()
                    .close();
            repo.commitAll("with a submodule");

            assertThat(sameAsJGit(dir).paths()).containsExactly(".gitmodules");
        }

        @Test
        void noSymbolicLinkIsFollowedAndThoseThatLeaveAreReported(@TempDir Path elsewhere) throws Exception {
            Files.writeString(elsewhere.resolve("secret.env"), "outside");
            repo.write("config/app.properties", "a=1");
            Files.createSymbolicLink(dir.resolve("inside-link"), Path.of("config/app.properties"));
            Files.createSymbolicLink(dir.resolve("tracked-outside"), elsewhere.resolve("secret.env"));
            repo.commitAll("links are tracked as links");
            Files.createSymbolicLink(dir.resolve("untracked-outside"), elsewhere);
            Files.createSymbolicLink(dir.resolve("config-dir-link"), dir.resolve("config"));

            assertThat(sameAsJGit(dir))
                    .isEqualTo(new Listing(
                            List.of("config/app.properties (3 bytes)"),
                            List.of("tracked-outside: " + LINK_OUTSIDE, "untracked-outside: " + LINK_OUTSIDE)));
        }

        @Test
        void aTrackedDirectoryReplacedByALinkIsNotFollowed(@TempDir Path elsewhere) throws Exception {
            Files.writeString(elsewhere.resolve("app.properties"), "outside");
            repo.write("config/app.properties", "a=1")
                    .write("z.properties", "z")
                    .commitAll("first");
            repo.delete("config/app.properties").delete("config");
            Files.createSymbolicLink(dir.resolve("config"), elsewhere);

            assertThat(sameAsJGit(dir))
                    .isEqualTo(new Listing(List.of("z.properties (1 bytes)"), List.of("config: " + LINK_OUTSIDE)));
        }

        @Test
        void anUnreadableDirectoryAndFileAreReported() throws Exception {
            repo.write("locked/secret.env", "x").write("open.txt", "y").write("private.env", "z");
            repo.commitAll("tracked, then locked");
            repo.write("locked-untracked/new.env", "u");
            Path locked = dir.resolve("locked");
            Path lockedUntracked = dir.resolve("locked-untracked");
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            Files.setPosixFilePermissions(lockedUntracked, PosixFilePermissions.fromString("---------"));
            Files.setPosixFilePermissions(dir.resolve("private.env"), PosixFilePermissions.fromString("---------"));
            try {
                assumeFalse(Files.isReadable(locked), "running as root: everything is readable");

                assertThat(sameAsJGit(dir))
                        .isEqualTo(new Listing(
                                List.of("open.txt (1 bytes)"),
                                List.of(
                                        "locked-untracked: directory not readable (permission denied)",
                                        "locked: directory not readable (permission denied)",
                                        "private.env: file not readable (permission denied)")));
            } finally {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
                Files.setPosixFilePermissions(lockedUntracked, PosixFilePermissions.fromString("rwx------"));
            }
        }

        @Test
        void aSubdirectoryWithPathsRelativeToItAndTheRulesAboveIt() throws Exception {
            repo.write(".gitignore", "*.log\n")
                    .write("sub/tracked.properties", "t")
                    .write("top.properties", "outside the scanned directory")
                    .write("subway/other.properties", "a sibling whose name starts alike")
                    .commitAll("first");
            repo.write("sub/deeper/untracked.env", "u").write("sub/debug.log", "ignored by the root rule");

            assertThat(sameAsJGit(dir.resolve("sub")).paths())
                    .containsExactly("deeper/untracked.env", "tracked.properties");
        }

        @Test
        void untrackedFilesOfARepositoryWithoutCommits() throws Exception {
            repo.write("app.properties", "a=1");

            assertThat(sameAsJGit(dir).paths()).containsExactly("app.properties");
        }

        @Test
        void trackedAndUntrackedFilesInterleavedInGitsOrder() throws Exception {
            repo.write("a/b.txt", "ab").write("b.txt", "b").write("é.txt", "e").commitAll("first");
            repo.write("a-z/c.txt", "c")
                    .write("a.txt", "a")
                    .write("a/a.txt", "aa")
                    .write("z.txt", "z");

            assertThat(sameAsJGit(dir).paths())
                    .containsExactly("a-z/c.txt", "a.txt", "a/a.txt", "a/b.txt", "b.txt", "z.txt", "é.txt");
        }

        @Test
        void aConflictedFileOnceThoughTheIndexHoldsItsThreeStages() throws Exception {
            repo.write("app.properties", "base\n").commitAll("base");
            repo.checkout("side", true);
            RevCommit side = repo.write("app.properties", "side\n").commitAll("side");
            repo.checkout("main", false);
            repo.write("app.properties", "main\n").commitAll("main");
            repo.mergeWithoutCommit(side);

            assertThat(repo.git.status().call().getConflicting()).containsExactly("app.properties");
            assertThat(sameAsJGit(dir).paths()).containsExactly("app.properties");
        }
    }

    @Nested
    class WorkingTree {
        @Test
        void aDirectoryGitCouldNotOpenIsReportedAndNothingBelowItListed(@TempDir Path bin) throws Exception {
            repo.write("sub/locked/new.env", "u").write("sub/open.env", "o");
            // As git says it when it runs as a user who may not list the directory (these tests may run as root).
            Path path = fakeGit(
                    bin,
                    realGit() + " \"$@\"; code=$?; echo \"warning: could not open directory 'sub/locked/': Permission"
                            + " denied\" >&2; exit $code");
            GitCommandLine.Checkout checkout = GitCommandLine.locate(
                            dir.resolve("sub"), reasons::add, pathWith(path), GitCommandLine.TIMEOUT)
                    .orElseThrow();

            assertThat(Listing.of(checkout.workingTree()))
                    .isEqualTo(new Listing(
                            List.of("open.env (1 bytes)"),
                            List.of("locked: directory not readable (permission denied)")));
        }

        @Test
        void aFailureWhileListingOffersNothingAndSaysWhy(@TempDir Path bin) throws Exception {
            repo.write("app.properties", "a=1").commitAll("first");
            Path path = fakeGit(
                    bin,
                    "case \"$*\" in *rev-parse*) exec " + realGit()
                            + " \"$@\";; esac; echo 'fatal: index file corrupt' >&2; exit 128");
            GitCommandLine.Checkout checkout = GitCommandLine.locate(
                            dir, reasons::add, pathWith(path), GitCommandLine.TIMEOUT)
                    .orElseThrow();
            List<ScanItem> items = new ArrayList<>();

            assertThatThrownBy(() -> checkout.workingTree().list(items::add, skip -> {}))
                    .isInstanceOf(GitCommandLine.CommandFailedException.class)
                    .hasMessage("git ls-files exited with 128: fatal: index file corrupt");
            assertThat(items).isEmpty();
        }

        @Test
        void readsWhatItListed() throws Exception {
            repo.write("app.properties", "a=1").commitAll("first");
            List<ScanItem> items = new ArrayList<>();

            GitCommandLine.locate(dir).orElseThrow().workingTree().list(items::add, skip -> {});

            assertThat(items).singleElement().satisfies(item -> {
                assertThat(item.origin()).isEqualTo(Origin.file("app.properties"));
                assertThat(item.read(100)).asString().isEqualTo("a=1");
            });
        }
    }
}
