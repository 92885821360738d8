package io.github.gigachat.embed;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class InputScannerTest {
    @TempDir
    Path project;

    private final List<String> warnings = new ArrayList<>();

    private Path write(String relative, String content) throws IOException {
        return write(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String relative, byte[] content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private List<TextFile> scan(FileSetSpec... sets) throws IOException {
        return scan(1_000_000, sets);
    }

    private List<TextFile> scan(long maxFileBytes, FileSetSpec... sets) throws IOException {
        List<TextFile> texts = new java.util.ArrayList<>();
        for (InputFile file : new InputScanner(project, maxFileBytes, warnings::add).scan(List.of(sets))) {
            texts.add(file.read());
        }
        return texts;
    }

    private static List<String> paths(List<TextFile> files) {
        return files.stream().map(TextFile::relativePath).toList();
    }

    private static FileSetSpec set(String directory, List<String> includes, List<String> excludes) {
        return new FileSetSpec(Path.of(directory), includes, excludes);
    }

    @Test
    void defaultIncludesReadMarkdownTextAndAsciiDocOnly() throws IOException {
        for (String name : List.of("a.md", "b.markdown", "c.txt", "d.adoc", "e.java", "f.html", "g.md.bak")) {
            write("docs/" + name, "content of " + name);
        }
        write("docs/deep/er/h.md", "deep");

        List<TextFile> files = scan(FileSetSpec.of(Path.of("docs")));

        assertThat(paths(files))
                .containsExactly("docs/a.md", "docs/b.markdown", "docs/c.txt", "docs/d.adoc", "docs/deep/er/h.md");
        assertThat(files.get(0).text()).isEqualTo("content of a.md");
        assertThat(files.get(0).path()).isEqualTo(project.resolve("docs/a.md"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void requiredIncludesNarrowTheSelection() throws IOException {
        for (String name : List.of("public/a.md", "public/deep/b.txt", "private/c.md", "d.md", "public/e.properties")) {
            write("src/main/resources/" + name, name);
        }
        FileSetSpec resource = new FileSetSpec(
                project.resolve("src/main/resources"), InputScanner.DEFAULT_INCLUDES, List.of(), List.of("public/**"));
        assertThat(paths(scan(resource)))
                .containsExactly("src/main/resources/public/a.md", "src/main/resources/public/deep/b.txt");
    }

    @Test
    void includesAndExcludesFollowAntPatterns() throws IOException {
        for (String name : List.of("a.md", "ab.md", "abc.md", "sub/b.md", "sub/deeper/c.md", "drafts/d.md", "x.txt")) {
            write("src/main/resources/" + name, name);
        }
        FileSetSpec resources = set("src/main/resources", List.of("*.md", "sub/", "?.txt"), List.of("a?.md"));
        assertThat(paths(scan(resources)))
                .containsExactly(
                        "src/main/resources/a.md",
                        "src/main/resources/abc.md",
                        "src/main/resources/sub/b.md",
                        "src/main/resources/sub/deeper/c.md",
                        "src/main/resources/x.txt");

        FileSetSpec noDrafts = set("src/main/resources", List.of("**/*.md"), List.of("drafts/**", "sub\\deeper\\*.md"));
        assertThat(paths(scan(noDrafts)))
                .containsExactly(
                        "src/main/resources/a.md",
                        "src/main/resources/ab.md",
                        "src/main/resources/abc.md",
                        "src/main/resources/sub/b.md");
    }

    @Test
    void versionControlMetadataIsAlwaysLeftOut() throws IOException {
        write("docs/.git/notes.md", "git internals");
        write("docs/readme.md~", "backup");
        write("docs/readme.md", "readme");
        assertThat(paths(scan(set("docs", List.of("**/*", "**/.git/**"), List.of()))))
                .containsExactly("docs/readme.md");
    }

    @Test
    void overlappingSetsYieldEachFileOnceSortedByPath() throws IOException {
        write("src/main/resources/z.md", "z");
        write("src/main/resources/docs/b.md", "b");
        write("src/main/resources/docs/a.md", "a");
        write("README.md", "readme");

        List<TextFile> files = scan(
                FileSetSpec.of(Path.of("src/main/resources/docs")),
                FileSetSpec.of(Path.of("src/main/resources")),
                set(".", List.of("*.md"), List.of()),
                FileSetSpec.of(project.resolve("src/main/resources")));

        assertThat(paths(files))
                .containsExactly(
                        "README.md",
                        "src/main/resources/docs/a.md",
                        "src/main/resources/docs/b.md",
                        "src/main/resources/z.md");
    }

    @Test
    void aMissingDirectoryIsSkippedSilently() throws IOException {
        write("docs/a.md", "a");
        assertThat(paths(scan(FileSetSpec.of(Path.of("src/main/resources")), FileSetSpec.of(Path.of("docs")))))
                .containsExactly("docs/a.md");
        assertThat(warnings).isEmpty();
    }

    @Test
    void badFilesAreSkippedWithAWarningNamingThemAndNothingElseIsLost() throws IOException {
        write("docs/good.md", "good text");
        write("docs/binary.md", new byte[] {'P', 'N', 'G', 0, 1, 2});
        write("docs/latin1.txt", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        write("docs/empty.md", "");
        write("docs/blank.md", " \n\t\r\n\u00a0\n");
        write("docs/large.md", "x".repeat(200));
        write("docs/zlast.md", "last");

        List<TextFile> files = scan(100, FileSetSpec.of(Path.of("docs")));

        assertThat(paths(files)).containsExactly("docs/good.md", "docs/zlast.md");
        assertThat(warnings)
                .hasSize(5)
                .anySatisfy(w -> assertThat(w).contains("docs/binary.md", "binary"))
                .anySatisfy(w -> assertThat(w).contains("docs/latin1.txt", "not valid UTF-8", "offset 3"))
                .anySatisfy(w -> assertThat(w).contains("docs/empty.md", "empty"))
                .anySatisfy(w -> assertThat(w).contains("docs/blank.md", "only whitespace"))
                .anySatisfy(w -> assertThat(w).contains("docs/large.md", "200 bytes", "larger than 100 bytes"));
    }

    @Test
    void aNulByteBeyondTheProbeDoesNotMakeAFileBinary() throws IOException {
        byte[] content = ("a".repeat(InputScanner.BINARY_PROBE_BYTES) + "\0b").getBytes(StandardCharsets.UTF_8);
        write("docs/late-nul.txt", content);
        assertThat(scan(FileSetSpec.of(Path.of("docs")))).singleElement().satisfies(f -> assertThat(f.text())
                .endsWith("\0b"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void theByteOrderMarkIsStrippedAndLineEndingsAreKept() throws IOException {
        byte[] text = "# Заголовок\r\n\r\nтекст\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        write("docs/bom.md", withBom);

        assertThat(scan(FileSetSpec.of(Path.of("docs"))))
                .singleElement()
                .extracting(TextFile::text)
                .isEqualTo("# Заголовок\r\n\r\nтекст\n");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aSymbolicLinkLoopIsReportedAndNotFollowed() throws IOException {
        write("docs/a.md", "a");
        write("docs/sub/b.md", "b");
        Files.createSymbolicLink(project.resolve("docs/sub/loop"), project.resolve("docs"));
        Files.createSymbolicLink(project.resolve("docs/self"), Path.of("."));

        List<TextFile> files = scan(FileSetSpec.of(Path.of("docs")));

        assertThat(paths(files)).containsExactly("docs/a.md", "docs/sub/b.md");
        assertThat(warnings)
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("docs/sub/loop", "symbolic link loop"))
                .anySatisfy(w -> assertThat(w).contains("docs/self", "symbolic link loop"));
    }

    @Test
    void linksAndDirectoriesOutsideTheProjectGetRelativePaths(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("shared.md"), "shared");
        Files.createDirectories(project.resolve("docs"));
        Files.createSymbolicLink(project.resolve("docs/linked.md"), outside.resolve("shared.md"));
        Files.createSymbolicLink(project.resolve("docs/broken.md"), outside.resolve("missing.md"));

        List<TextFile> files = scan(FileSetSpec.of(Path.of("docs")), FileSetSpec.of(outside));

        String outsidePath =
                project.relativize(outside.resolve("shared.md")).toString().replace('\\', '/');
        assertThat(outsidePath).startsWith("../");
        assertThat(paths(files)).containsExactlyInAnyOrder("docs/linked.md", outsidePath);
        assertThat(files).allSatisfy(f -> assertThat(f.text()).isEqualTo("shared"));
        assertThat(paths(files)).noneMatch(p -> Path.of(p).isAbsolute());
        assertThat(warnings).singleElement().asString().contains("docs/broken.md", "broken symbolic link");
    }

    @Test
    void patternsThatLeaveTheDirectoryAreRefusedBeforeAnythingIsRead() throws IOException {
        write("docs/a.md", "a");
        write("secret.md", "secret");
        for (List<String> includes : List.of(List.of("../*.md"), List.of("sub/../../x.md"), List.of("/etc/**"))) {
            assertThatThrownBy(() -> scan(FileSetSpec.of(Path.of("docs")), set("docs", includes, List.of())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("include pattern '" + includes.get(0) + "'")
                    .hasMessageContaining("must stay inside docs");
        }
        assertThatThrownBy(() -> scan(set("docs", List.of(), List.of("C:\\temp\\*.md"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude pattern 'C:\\temp\\*.md'");
        assertThat(warnings).isEmpty();
    }

    @Test
    void otherProblemsAreWarningsToo() throws IOException {
        write("docs.md", "not a directory");
        assertThat(scan(FileSetSpec.of(Path.of("docs.md")))).isEmpty();
        assertThat(warnings).singleElement().asString().contains("docs.md", "not a directory");

        assertThatThrownBy(() -> new InputScanner(project, 0, warnings::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFileBytes");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void excludedDirectoriesAreNotEvenEntered() throws IOException {
        write("docs/a.md", "a");
        write("docs/node_modules/pkg/readme.md", "vendored");
        Files.createSymbolicLink(project.resolve("docs/node_modules/pkg/loop"), project.resolve("docs"));

        assertThat(paths(scan(set("docs", List.of(), List.of("node_modules/**")))))
                .containsExactly("docs/a.md");
        assertThat(warnings)
                .as("the loop inside the excluded directory is never seen")
                .isEmpty();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aNamedPipeIsNotReadNorWaitedFor() throws IOException, InterruptedException {
        write("docs/a.md", "a");
        Path pipe = project.resolve("docs/pipe.md");
        int exit;
        try {
            exit = new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor();
        } catch (IOException e) {
            exit = -1;
        }
        assumeFalse(exit != 0, "mkfifo is not available");

        assertThat(paths(scan(FileSetSpec.of(Path.of("docs"))))).containsExactly("docs/a.md");
        assertThat(warnings).singleElement().asString().contains("docs/pipe.md", "not a regular file");
    }

    @Test
    void anUnreadableFileIsSkippedWithAWarning() throws IOException {
        Path locked = write("docs/locked.md", "secret");
        write("docs/open.md", "open");
        try {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            assumeFalse(true, "no POSIX permissions here");
        }
        assumeFalse(Files.isReadable(locked), "running as a user who can read anything (root)");

        assertThat(paths(scan(FileSetSpec.of(Path.of("docs"))))).containsExactly("docs/open.md");
        assertThat(warnings).singleElement().asString().contains("docs/locked.md", "cannot be read");
    }

    @Test
    void exactlyTheExcludedFilesAreLeftOut() throws IOException {
        write("out/META-INF/gigachat/embeddings/chunks.md", "generated");
        write("out/META-INF/gigachat/embeddings/notes.md", "by hand");

        List<InputFile> files = new InputScanner(project, 1_000_000, warnings::add)
                .excluding(java.util.Set.of(project.resolve("out/META-INF/gigachat/embeddings/chunks.md")))
                .scan(List.of(FileSetSpec.of(Path.of("out"))));

        assertThat(files)
                .extracting(InputFile::relativePath)
                .containsExactly("out/META-INF/gigachat/embeddings/notes.md");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFileChangedAfterTheScanIsRefusedWhenReadAgain() throws IOException {
        write("docs/a.md", "first version");
        InputFile scanned = new InputScanner(project, 1_000_000, warnings::add)
                .scan(List.of(FileSetSpec.of(Path.of("docs"))))
                .get(0);
        assertThat(scanned.read().text()).isEqualTo("first version");
        assertThat(scanned.sha256()).isEqualTo(EmbedTestData.sha256("first version"));

        write("docs/a.md", "first versioN");

        assertThatThrownBy(scanned::read)
                .isInstanceOfSatisfying(InputChangedException.class, e -> assertThat(e.relativePath())
                        .isEqualTo("docs/a.md"))
                .hasMessageContaining("docs/a.md changed")
                .hasMessageContaining("Run the build again");
        java.nio.file.Files.delete(project.resolve("docs/a.md"));
        assertThatThrownBy(scanned::read).isInstanceOf(InputChangedException.class);
    }
}
