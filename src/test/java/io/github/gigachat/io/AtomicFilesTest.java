package io.github.gigachat.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path directory;

    @Test
    void writesCreatesDirectoriesAndLeavesNoTemporaryFile() throws Exception {
        Path target = directory.resolve("a/b/report.json");

        assertThat(AtomicFiles.write(target, "{}\n")).isTrue();

        assertThat(target).hasContent("{}");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void anUnchangedFileIsNotRewritten() throws Exception {
        Path target = directory.resolve("report.json");
        AtomicFiles.write(target, "same");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(target, old);

        assertThat(AtomicFiles.write(target, "same")).isFalse();
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(old);
        assertThat(AtomicFiles.write(target, "changed")).isTrue();
        assertThat(target).hasContent("changed");
    }

    @Test
    void filesGetTheUsualPermissionsNotOwnerOnly() throws Exception {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path reference = Files.createFile(directory.resolve("reference"));
        Path target = directory.resolve("report.json");

        AtomicFiles.write(target, "x");

        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(expected);
    }
}
