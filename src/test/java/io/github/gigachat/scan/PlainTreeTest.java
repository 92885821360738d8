package io.github.gigachat.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainTreeTest {
    @TempDir
    Path dir;

    private final List<ScanItem> items = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private List<String> listedPaths() throws IOException {
        new PlainTree(dir).list(items::add, skipped::add);
        return items.stream().map(item -> item.origin().path()).collect(Collectors.toList());
    }

    @Test
    void listsEveryFileRelativeToTheDirectoryInGitOrder() throws IOException {
        write("b.txt", "b");
        write("a/b.txt", "ab");
        write("a.txt", "a");
        write("a-z/c.txt", "c");
        write("deep/er/file.properties", "x=1");

        assertThat(listedPaths()).containsExactly("a-z/c.txt", "a.txt", "a/b.txt", "b.txt", "deep/er/file.properties");
        assertThat(items).allSatisfy(item -> assertThat(item.origin().commit()).isNull());
        assertThat(skipped).isEmpty();
    }

    @Test
    void leavesOutGitDirectoriesAtEveryLevel() throws IOException {
        write(".git/config", "[core]");
        write("module/.git/HEAD", "ref: refs/heads/main");
        write("module/app.properties", "a=1");
        write(".gitignore", "*.log");

        assertThat(listedPaths()).containsExactly(".gitignore", "module/app.properties");
    }

    @Test
    void leavesOutMavenOutputButNotATargetPackageInSources() throws IOException {
        write("pom.xml", "<project/>");
        write("target/classes/application.properties", "copied");
        write("module/pom.xml", "<project/>");
        write("module/target/module.jar", "built");
        write("src/main/java/com/example/target/Target.java", "class Target {}");
        write("notes/target/todo.txt", "no pom next to this one");

        assertThat(listedPaths())
                .containsExactly(
                        "module/pom.xml",
                        "notes/target/todo.txt",
                        "pom.xml",
                        "src/main/java/com/example/target/Target.java");
    }

    @Test
    void reportsASymbolicLinkThatLeavesTheDirectoryWithoutFollowingIt(@TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve("secret.env"), "outside");
        Files.createDirectories(elsewhere.resolve("tree"));
        Files.writeString(elsewhere.resolve("tree/inner.txt"), "outside");
        Files.createSymbolicLink(dir.resolve("file-link"), elsewhere.resolve("secret.env"));
        Files.createSymbolicLink(dir.resolve("dir-link"), elsewhere.resolve("tree"));
        Files.createSymbolicLink(
                dir.resolve("relative-link"),
                Path.of("..", elsewhere.getFileName().toString()));
        Files.createSymbolicLink(dir.resolve("dangling-link"), Path.of("../no/such/file"));
        write("kept.txt", "inside");

        assertThat(listedPaths()).containsExactly("kept.txt");
        assertThat(skipped)
                .extracting(s -> s.origin().path())
                .containsExactly("dangling-link", "dir-link", "file-link", "relative-link");
        assertThat(skipped)
                .extracting(Skipped::reason)
                .containsOnly("symbolic link to a path outside the scanned directory, not followed");
    }

    @Test
    void silentlyLeavesOutASymbolicLinkThatStaysInsideAndScansItsTargetOnce() throws IOException {
        write("config/app.properties", "a=1");
        Files.createSymbolicLink(dir.resolve("app.properties"), Path.of("config/app.properties"));
        Files.createSymbolicLink(dir.resolve("config-link"), dir.resolve("config"));
        Files.createSymbolicLink(dir.resolve("config/loop"), Path.of(".."));
        Files.createSymbolicLink(dir.resolve("missing-inside"), Path.of("config/none.txt"));

        assertThat(listedPaths()).containsExactly("config/app.properties");
        assertThat(skipped).isEmpty();
    }

    @Test
    void scansTheTargetOfAScannedDirectoryGivenAsASymbolicLink(@TempDir Path elsewhere) throws IOException {
        write("app.properties", "a=1");
        Path link = elsewhere.resolve("project");
        Files.createSymbolicLink(link, dir);

        new PlainTree(link).list(items::add, skipped::add);

        assertThat(items).extracting(item -> item.origin().path()).containsExactly("app.properties");
    }

    @Test
    void reportsAnUnreadableDirectoryAndFileAndGoesOn() throws IOException {
        write("locked/secret.env", "x");
        write("private.env", "y");
        write("open.txt", "z");
        Files.setPosixFilePermissions(dir.resolve("locked"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(dir.resolve("private.env"), PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(dir.resolve("private.env")), "running as root: everything is readable");

            assertThat(listedPaths()).containsExactly("open.txt");
            assertThat(skipped)
                    .extracting(s -> s.origin().path() + ": " + s.reason())
                    .containsExactly(
                            "locked: directory not readable (permission denied)",
                            "private.env: file not readable (permission denied)");
        } finally {
            Files.setPosixFilePermissions(dir.resolve("locked"), PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void itemsHaveTheSizeFromTheListingAndReadTheWholeFile() throws IOException {
        write("app.properties", "key=value\n");

        listedPaths();

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.size()).isEqualTo(10);
            assertThat(new String(item.read(10), StandardCharsets.UTF_8)).isEqualTo("key=value\n");
        });
    }

    @Test
    void aFileLargerThanTheLimitIsNotRead() throws IOException {
        write("big.txt", "x".repeat(100));

        listedPaths();

        ScanItem item = items.get(0);
        assertThatThrownBy(() -> item.read(99))
                .isInstanceOf(ScanItem.TooLargeException.class)
                .hasMessage("larger than 99 bytes");
        assertThat(item.read(100)).hasSize(100);
    }

    @Test
    void theLimitAppliesToTheFileAsItIsWhenRead() throws IOException {
        write("growing.log", "x");
        listedPaths();
        write("growing.log", "x".repeat(50));

        ScanItem item = items.get(0);
        assertThat(item.size()).isEqualTo(1);
        assertThat(item.read(50)).hasSize(50);
        assertThatThrownBy(() -> item.read(49)).isInstanceOf(ScanItem.TooLargeException.class);
    }

    @Test
    void anEmptyDirectoryListsNothing() throws IOException {
        assertThat(listedPaths()).isEmpty();
        assertThat(skipped).isEmpty();
    }
}
