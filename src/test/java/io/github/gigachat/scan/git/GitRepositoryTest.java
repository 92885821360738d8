package io.github.gigachat.scan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.gigachat.scan.ContentSource;
import io.github.gigachat.scan.ScanItem;
import io.github.gigachat.scan.Skipped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryTest {
    @TempDir
    Path dir;

    TestRepository repo;
    final List<ScanItem> items = new ArrayList<>();
    final List<Skipped> skipped = new ArrayList<>();

    @BeforeEach
    void initRepository() throws GitAPIException {
        repo = TestRepository.init(dir);
    }

    @AfterEach
    void closeRepository() {
        repo.close();
    }

    GitRepository open(Path directory) throws IOException {
        return GitRepository.find(directory).orElseThrow();
    }

    List<String> list(ContentSource source) throws IOException {
        source.list(items::add, skipped::add);
        return items.stream().map(item -> item.origin().path()).toList();
    }

    List<String> workingTree(Path directory) throws IOException {
        try (GitRepository git = open(directory)) {
            return list(git.workingTree());
        }
    }

    static String text(ScanItem item) throws IOException {
        return new String(item.read(Long.MAX_VALUE), StandardCharsets.UTF_8);
    }

    @Nested
    class Find {
        @Test
        void findsNothingOutsideAWorkTree(@TempDir Path plain) throws IOException {
            assertThat(GitRepository.find(plain)).isEmpty();
        }

        @Test
        void theRootHasAnEmptyPrefixAndADirectoryBelowItsPathWithASlash() throws IOException {
            Files.createDirectories(dir.resolve("services/billing"));

            try (GitRepository root = open(dir);
                    GitRepository below = open(dir.resolve("services/billing"))) {
                assertThat(root.prefix()).isEmpty();
                assertThat(below.prefix()).isEqualTo("services/billing/");
            }
        }

        @Test
        void aBareRepositoryHasNoWorkTree(@TempDir Path bare) throws GitAPIException, IOException {
            org.eclipse.jgit.api.Git.init()
                    .setDirectory(bare.toFile())
                    .setBare(true)
                    .call()
                    .close();

            assertThat(GitRepository.find(bare)).isEmpty();
        }
    }

    @Nested
    class WorkingTree {
        @Test
        void listsTrackedAndUntrackedFilesButNeitherIgnoredOnesNorGitsOwn() throws Exception {
            repo.write(".gitignore", "*.log\nbuild/\n")
                    .write("app.properties", "a=1")
                    .commitAll("first");
            repo.write("new.env", "untracked").write("debug.log", "ignored").write("build/out.txt", "ignored");

            assertThat(workingTree(dir)).containsExactly(".gitignore", "app.properties", "new.env");
            assertThat(items)
                    .allSatisfy(item -> assertThat(item.origin().commit()).isNull());
            assertThat(skipped).isEmpty();
        }

        @Test
        void appliesAGitignoreOnlyBelowItsDirectory() throws Exception {
            repo.write("config/.gitignore", "secret.env\n")
                    .write("config/secret.env", "ignored here")
                    .write("secret.env", "not ignored here");

            assertThat(workingTree(dir)).containsExactly("config/.gitignore", "secret.env");
        }

        @Test
        void aNegatedPatternKeepsAFile() throws Exception {
            repo.write(".gitignore", "*.txt\n!keep.txt\n")
                    .write("drop.txt", "ignored")
                    .write("keep.txt", "kept")
                    .write("docs/keep.txt", "kept too");

            assertThat(workingTree(dir)).containsExactly(".gitignore", "docs/keep.txt", "keep.txt");
        }

        @Test
        void honoursInfoExcludeAndCoreExcludesFile(@TempDir Path home) throws Exception {
            repo.write(".git/info/exclude", "local.properties\n").write("local.properties", "excluded");
            Path excludes = home.resolve("global-ignore");
            Files.writeString(excludes, ".idea/\n");
            StoredConfig config = repo.git.getRepository().getConfig();
            config.setString("core", null, "excludesFile", excludes.toString());
            config.save();
            repo.write(".idea/workspace.xml", "excluded").write("app.yaml", "kept");

            assertThat(workingTree(dir)).containsExactly("app.yaml");
        }

        @Test
        void listsATrackedFileThatAnIgnoreRuleWouldExclude() throws Exception {
            repo.write("committed.log", "tracked").commitAll("force-added, as it were");
            repo.write(".gitignore", "*.log\n").write("fresh.log", "untracked and ignored");

            assertThat(workingTree(dir)).containsExactly(".gitignore", "committed.log");
        }

        @Test
        void entersAnIgnoredDirectoryOnlyForItsTrackedFiles() throws Exception {
            repo.write("generated/kept.properties", "tracked")
                    .write("lib/generated/deeper/kept.properties", "tracked")
                    .commitAll("first");
            repo.write(".gitignore", "generated/\n")
                    .write("generated/new.properties", "untracked and ignored")
                    .write("lib/generated/deeper/new.properties", "untracked and ignored");

            assertThat(workingTree(dir))
                    .containsExactly(".gitignore", "generated/kept.properties", "lib/generated/deeper/kept.properties");
        }

        @Test
        void silentlyLeavesOutATrackedFileDeletedSince() throws Exception {
            repo.write("gone.properties", "x").write("here.properties", "y").commitAll("first");
            repo.delete("gone.properties");

            assertThat(workingTree(dir)).containsExactly("here.properties");
            assertThat(skipped).isEmpty();
        }

        @Test
        void readsTrackedFilesAsTheyAreOnDiskNow() throws Exception {
            repo.write("app.properties", "committed").commitAll("first");
            repo.write("app.properties", "edited since");

            workingTree(dir);

            assertThat(items).singleElement().satisfies(item -> {
                assertThat(item.size()).isEqualTo("edited since".length());
                assertThat(text(item)).isEqualTo("edited since");
            });
        }

        @Test
        void aTargetDirectoryIsWhatGitSaysItIs() throws Exception {
            repo.write("pom.xml", "<project/>").write("target/classes/app.properties", "not ignored");

            assertThat(workingTree(dir)).containsExactly("pom.xml", "target/classes/app.properties");
        }

        @Test
        void doesNotEnterANestedRepository() throws Exception {
            repo.write("app.properties", "a=1");
            try (TestRepository nested = TestRepository.init(dir.resolve("vendor/lib"))) {
                nested.write("secret.env", "inside another repository").commitAll("nested");
            }

            assertThat(workingTree(dir)).containsExactly("app.properties");
        }

        @Test
        void doesNotEnterASubmodule(@TempDir Path library) throws Exception {
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

            assertThat(workingTree(dir)).containsExactly(".gitmodules");
        }

        @Test
        void followsNoSymbolicLinkAndReportsThoseThatLeave(@TempDir Path elsewhere) throws Exception {
            Files.writeString(elsewhere.resolve("secret.env"), "outside");
            repo.write("config/app.properties", "a=1");
            Files.createSymbolicLink(dir.resolve("inside-link"), Path.of("config/app.properties"));
            Files.createSymbolicLink(dir.resolve("tracked-outside"), elsewhere.resolve("secret.env"));
            repo.commitAll("links are tracked as links");
            Files.createSymbolicLink(dir.resolve("untracked-outside"), elsewhere);
            Files.createSymbolicLink(dir.resolve("config-dir-link"), dir.resolve("config"));

            assertThat(workingTree(dir)).containsExactly("config/app.properties");
            assertThat(skipped)
                    .extracting(s -> s.origin().path(), Skipped::reason)
                    .containsExactly(
                            tuple(
                                    "tracked-outside",
                                    "symbolic link to a path outside the scanned directory, not followed"),
                            tuple(
                                    "untracked-outside",
                                    "symbolic link to a path outside the scanned directory, not followed"));
        }

        @Test
        void reportsAnUnreadableDirectory() throws Exception {
            repo.write("locked/secret.env", "x").write("open.txt", "y").write("private.env", "z");
            repo.commitAll("tracked, then locked");
            Path locked = dir.resolve("locked");
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            Files.setPosixFilePermissions(dir.resolve("private.env"), PosixFilePermissions.fromString("---------"));
            try {
                assumeFalse(Files.isReadable(locked), "running as root: everything is readable");

                assertThat(workingTree(dir)).containsExactly("open.txt");
                assertThat(skipped)
                        .extracting(s -> s.origin().path(), Skipped::reason)
                        .containsExactly(
                                tuple("locked", "directory not readable (permission denied)"),
                                tuple("private.env", "file not readable (permission denied)"));
            } finally {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
            }
        }

        @Test
        void scansASubdirectoryWithPathsRelativeToItAndTheRulesAboveIt() throws Exception {
            repo.write(".gitignore", "*.log\n")
                    .write("sub/tracked.properties", "t")
                    .write("top.properties", "outside the scanned directory")
                    .write("subway/other.properties", "a sibling whose name starts alike")
                    .commitAll("first");
            repo.write("sub/deeper/untracked.env", "u").write("sub/debug.log", "ignored by the root rule");

            assertThat(workingTree(dir.resolve("sub"))).containsExactly("deeper/untracked.env", "tracked.properties");
        }

        @Test
        void listsUntrackedFilesOfARepositoryWithoutCommits() throws Exception {
            repo.write("app.properties", "a=1");

            assertThat(workingTree(dir)).containsExactly("app.properties");
        }
    }

    @Nested
    class History {
        /** Open until the test ends: the items are read after listing. */
        GitRepository git;

        @AfterEach
        void closeGit() {
            if (git != null) {
                git.close();
            }
        }

        List<String> history(Path directory, String since) throws IOException, UnknownRevisionException {
            closeGit();
            git = open(directory);
            list(git.history(since));
            return items.stream()
                    .map(item -> item.origin().path() + "@" + item.origin().commit())
                    .toList();
        }

        @Test
        void aRepositoryWithoutCommitsHasNoHistory() throws Exception {
            repo.write("app.properties", "a=1");

            assertThat(history(dir, null)).isEmpty();
        }

        @Test
        void anAddedThenModifiedFileIsTwoItemsEachWithItsCommit() throws Exception {
            RevCommit added = repo.write("app.properties", "v1").commitAll("add");
            RevCommit modified = repo.write("app.properties", "v2").commitAll("modify");

            assertThat(history(dir, null))
                    .containsExactly("app.properties@" + added.name(), "app.properties@" + modified.name());
            assertThat(text(items.get(0))).isEqualTo("v1");
            assertThat(text(items.get(1))).isEqualTo("v2");
        }

        @Test
        void contentAddedAgainAtThePathKeepsItsOldestCommit() throws Exception {
            RevCommit first = repo.write("app.properties", "v1").commitAll("add");
            RevCommit second = repo.write("app.properties", "v2").commitAll("modify");
            repo.write("app.properties", "v1").commitAll("revert");
            RevCommit copied = repo.write("copy.properties", "v1").commitAll("same content, another path");

            assertThat(history(dir, null))
                    .containsExactly(
                            "app.properties@" + first.name(),
                            "app.properties@" + second.name(),
                            "copy.properties@" + copied.name());
        }

        @Test
        void aFileDeletedLaterIsStillInTheHistory() throws Exception {
            RevCommit added = repo.write("secret.env", "leaked").commitAll("oops");
            repo.delete("secret.env").write("README.md", "clean").commitAll("remove it");

            assertThat(history(dir, null)).contains("secret.env@" + added.name());
            assertThat(items)
                    .filteredOn(i -> i.origin().path().equals("secret.env"))
                    .singleElement();
        }

        @Test
        void sinceLeavesOutWhatItsCommitCanReach() throws Exception {
            RevCommit base = repo.write("old.properties", "old").commitAll("on main");
            repo.git.tag().setName("v1").setObjectId(base).setAnnotated(false).call();
            RevCommit next = repo.write("new.properties", "new").commitAll("in the pull request");
            RevCommit last = repo.write("old.properties", "changed").commitAll("also");
            List<String> expected = List.of("new.properties@" + next.name(), "old.properties@" + last.name());

            for (String since : List.of("v1", base.name(), base.name().substring(0, 10), "HEAD~2", "main~2")) {
                items.clear();
                assertThat(history(dir, since)).as(since).containsExactlyElementsOf(expected);
            }
            items.clear();
            assertThat(history(dir, "HEAD")).isEmpty();
        }

        @Test
        void anUnknownSinceIsAnExceptionNamingIt() throws Exception {
            repo.write("app.properties", "a=1").commitAll("first");

            try (GitRepository git = open(dir)) {
                for (String since : List.of("origin/main", "no-such-tag", "HEAD~5", "0123456789abcdef", "a..b..c")) {
                    assertThatThrownBy(() -> git.history(since))
                            .isInstanceOf(UnknownRevisionException.class)
                            .satisfies(e -> assertThat(((UnknownRevisionException) e).revision())
                                    .isEqualTo(since));
                }
                assertThatThrownBy(() -> git.history("origin/main")).hasMessage("unknown revision: origin/main");
            }
        }

        @Test
        void aMergeIntroducesOnlyContentThatDiffersFromEveryParent() throws Exception {
            RevCommit base = repo.write("app.properties", "base\n")
                    .write("side.properties", "s0\n")
                    .commitAll("base");
            repo.checkout("side", true);
            RevCommit onSide = repo.write("app.properties", "side\n")
                    .write("side.properties", "s1\n")
                    .commitAll("side");
            repo.checkout("main", false);
            RevCommit onMain = repo.write("app.properties", "main\n").commitAll("main");
            repo.mergeWithoutCommit(onSide); // conflicts in app.properties; side.properties merges cleanly
            RevCommit merge = repo.write("app.properties", "resolved\n").commitAll("merge side");

            assertThat(merge.getParentCount()).isEqualTo(2);
            assertThat(history(dir, null))
                    .containsExactlyInAnyOrder(
                            "app.properties@" + base.name(),
                            "side.properties@" + base.name(),
                            "app.properties@" + onSide.name(),
                            "side.properties@" + onSide.name(),
                            "app.properties@" + onMain.name(),
                            "app.properties@" + merge.name());
            assertThat(items)
                    .filteredOn(i -> i.origin().commit().equals(merge.name()))
                    .singleElement()
                    .satisfies(i -> assertThat(text(i)).isEqualTo("resolved\n"));
        }

        @Test
        void aSubdirectorysHistoryHasPathsRelativeToIt() throws Exception {
            RevCommit first = repo.write("sub/app.properties", "a")
                    .write("top.properties", "t")
                    .write("subway/x.properties", "x")
                    .commitAll("first");

            assertThat(history(dir.resolve("sub"), null)).containsExactly("app.properties@" + first.name());
        }

        @Test
        void aSymbolicLinkIsNotContent() throws Exception {
            repo.write("app.properties", "a=1");
            Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/passwd"));
            repo.commitAll("a link");

            assertThat(history(dir, null)).extracting(p -> p.split("@")[0]).containsExactly("app.properties");
        }

        @Test
        void aBlobHasItsSizeBeforeItIsReadAndALimit() throws Exception {
            repo.write("big.txt", "x".repeat(1000)).commitAll("big");

            history(dir, null);

            ScanItem item = items.get(0);
            assertThat(item.size()).isEqualTo(1000);
            assertThatThrownBy(() -> item.read(999)).isInstanceOf(ScanItem.TooLargeException.class);
            assertThat(item.read(1000)).hasSize(1000);
        }

        @Test
        void aShallowClonesOldestCommitIntroducesAllItHolds(@TempDir Path clone) throws Exception {
            repo.write("old.properties", "before the clone's depth").commitAll("first");
            repo.write("app.properties", "v1").commitAll("second");
            repo.write("app.properties", "v2").commitAll("third");
            org.eclipse.jgit.api.Git.cloneRepository()
                    .setURI(dir.toUri().toString())
                    .setDirectory(clone.toFile())
                    .setDepth(2)
                    .call()
                    .close();
            String second = repo.git.getRepository().resolve("HEAD~1").name();
            String third = repo.git.getRepository().resolve("HEAD").name();

            assertThat(history(clone, null))
                    .containsExactly("app.properties@" + second, "old.properties@" + second, "app.properties@" + third);
            // and the scan says so, instead of passing with history it never saw
            assertThat(skipped).singleElement().satisfies(s -> {
                assertThat(s.origin().commit()).isEqualTo(second);
                assertThat(s.reason()).contains("shallow clone", "fetch-depth: 0");
            });
        }

        @Test
        void aBlobReadAfterTheRepositoryIsClosedFails() throws Exception {
            repo.write("app.properties", "a=1").commitAll("first");
            history(dir, null);
            git.close();

            assertThatThrownBy(() -> items.get(0).read(100))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the git repository was closed");
        }

        @Test
        void severalThreadsReadBlobsAtOnce() throws Exception {
            for (int i = 0; i < 20; i++) {
                repo.write("file" + i + ".properties", ("line " + i + "\n").repeat(100 + i))
                        .commitAll("commit " + i);
            }
            repo.git.gc().call(); // packed, so readers share the pack cache
            history(dir, null);

            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> reads = new ArrayList<>();
                for (int round = 0; round < 10; round++) {
                    for (ScanItem item : items) {
                        reads.add(pool.submit(() -> text(item)));
                    }
                }
                for (int r = 0; r < reads.size(); r++) {
                    int i = r % items.size();
                    assertThat(reads.get(r).get()).isEqualTo(("line " + i + "\n").repeat(100 + i));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
