package io.github.gigachat.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** One {@code <fileSet>} of {@code gigachat:embed}: a directory and Ant-style includes and excludes. */
public class FileSet {
    /** The base directory; relative paths are resolved against the project's base directory. */
    private File directory;

    /** Patterns such as {@code **}{@code /*.md}; when empty, the plugin's defaults. */
    private List<String> includes = new ArrayList<>();

    /** Patterns of files to leave out. */
    private List<String> excludes = new ArrayList<>();

    public File getDirectory() {
        return directory;
    }

    public void setDirectory(File directory) {
        this.directory = directory;
    }

    public List<String> getIncludes() {
        return includes;
    }

    public void setIncludes(List<String> includes) {
        this.includes = includes;
    }

    public List<String> getExcludes() {
        return excludes;
    }

    public void setExcludes(List<String> excludes) {
        this.excludes = excludes;
    }
}
