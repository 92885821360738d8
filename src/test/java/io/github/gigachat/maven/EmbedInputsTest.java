package io.github.gigachat.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.embed.FileSetSpec;
import io.github.gigachat.embed.InputScanner;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedInputsTest {
    @TempDir
    Path base;

    private MavenProject project(String... resourceDirectories) {
        Model model = new Model();
        model.setGroupId("g");
        model.setArtifactId("a");
        model.setVersion("1");
        model.setBuild(new Build());
        MavenProject project = new MavenProject(model);
        project.setFile(base.resolve("pom.xml").toFile());
        for (String directory : resourceDirectories) {
            Resource resource = new Resource();
            resource.setDirectory(base.resolve(directory).toString());
            resource.addExclude("**/*.draft.md");
            project.addResource(resource);
        }
        return project;
    }

    @Test
    void theOutputDirectoryIsRegisteredOnceAndNotWhenItIsAResourceDirectoryAlready() {
        MavenProject project = project("src/main/resources");
        File generated = base.resolve("target/generated-resources/gigachat").toFile();

        EmbedInputs.registerOutputDirectory(project, generated);
        EmbedInputs.registerOutputDirectory(project, generated);
        EmbedInputs.registerOutputDirectory(
                project, base.resolve("src/main/resources").toFile());

        assertThat(project.getResources())
                .extracting(Resource::getDirectory)
                .containsExactly(base.resolve("src/main/resources").toString(), generated.getAbsolutePath());
    }

    @Test
    void aResourceDirectoryThatIsAlsoTheOutputDirectoryStaysAnInputWithItsOwnExcludes() {
        MavenProject project = project("src/main/resources");
        EmbedInputs.registerOutputDirectory(
                project, base.resolve("src/main/resources").toFile());

        List<FileSetSpec> sets = EmbedInputs.fileSets(project, null);

        assertThat(sets).singleElement().satisfies(set -> {
            assertThat(set.directory()).isEqualTo(base.resolve("src/main/resources"));
            assertThat(set.includes()).isEqualTo(InputScanner.DEFAULT_INCLUDES);
            assertThat(set.excludes()).containsExactly("**/*.draft.md");
        });
    }

    @Test
    void configuredFileSetsResolveAgainstTheBaseDirectoryAndDefaultTheirIncludes() {
        FileSet docs = new FileSet();
        docs.setDirectory(new File("docs"));
        FileSet everything = new FileSet();
        everything.setIncludes(List.of("**/*.rst"));

        List<FileSetSpec> sets = EmbedInputs.fileSets(project("src/main/resources"), List.of(docs, everything));

        assertThat(sets)
                .extracting(FileSetSpec::directory)
                .containsExactly(base.resolve("docs"), base.toFile().toPath());
        assertThat(sets.get(0).includes()).isEqualTo(InputScanner.DEFAULT_INCLUDES);
        assertThat(sets.get(1).includes()).containsExactly("**/*.rst");
    }
}
