package io.github.gigachat.maven;

import io.github.gigachat.embed.FileSetSpec;
import io.github.gigachat.embed.InputScanner;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;

/**
 * The inputs and the output directory of {@code gigachat:embed} in Maven's terms: which file sets to read (the
 * project's resource directories unless {@code <fileSets>} says otherwise), and the output directory registered as a
 * resource directory so that the vectors are packaged.
 *
 * <p>A resource directory that is also the output directory (teams point {@code gigachat.embed.outputDirectory} at
 * {@code src/main/resources} to commit the vectors) stays an input: the core leaves out exactly the files the plugin
 * wrote there, not the directory.
 */
final class EmbedInputs {
    private EmbedInputs() {}

    /** Registers the output directory as a resource directory, unless it is one already. */
    static void registerOutputDirectory(MavenProject project, File outputDirectory) {
        String path = outputDirectory.getAbsolutePath();
        boolean known = project.getResources().stream()
                .anyMatch(r -> r.getDirectory() != null
                        && new File(r.getDirectory()).getAbsolutePath().equals(path));
        if (!known) {
            Resource resource = new Resource();
            resource.setDirectory(path);
            project.addResource(resource);
        }
    }

    /**
     * The file sets to read: the configured {@code <fileSets>} (relative directories from the project's base
     * directory, the default includes where none are given), or else every resource directory with its own includes
     * and excludes, so that what is not packaged is not embedded either.
     */
    static List<FileSetSpec> fileSets(MavenProject project, List<FileSet> fileSets) {
        List<FileSetSpec> specs = new ArrayList<>();
        if (fileSets == null || fileSets.isEmpty()) {
            for (Resource resource : project.getResources()) {
                if (resource.getDirectory() == null) {
                    continue;
                }
                specs.add(new FileSetSpec(
                        resolve(project, new File(resource.getDirectory())).toPath(),
                        InputScanner.DEFAULT_INCLUDES,
                        resource.getExcludes(),
                        resource.getIncludes()));
            }
            return specs;
        }
        for (FileSet set : fileSets) {
            File directory = set.getDirectory() == null ? project.getBasedir() : resolve(project, set.getDirectory());
            List<String> includes = set.getIncludes().isEmpty() ? InputScanner.DEFAULT_INCLUDES : set.getIncludes();
            specs.add(new FileSetSpec(directory.toPath(), includes, set.getExcludes()));
        }
        return specs;
    }

    private static File resolve(MavenProject project, File directory) {
        return directory.isAbsolute() ? directory : new File(project.getBasedir(), directory.getPath());
    }
}
