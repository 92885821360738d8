import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

// basedir is target/it/reproducible-jars: the plugin's project is three levels up
Path project = basedir.toPath().resolve('../../..').normalize()
Path copy = basedir.toPath()
Files.copy(project.resolve('pom.xml'), copy.resolve('pom.xml'), StandardCopyOption.REPLACE_EXISTING)
Path sources = project.resolve('src/main')
Files.walk(sources).withCloseable { paths ->
    paths.forEach { Path source ->
        Path target = copy.resolve('src/main').resolve(sources.relativize(source).toString())
        if (Files.isDirectory(source)) {
            Files.createDirectories(target)
        } else {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING)
        }
    }
}
return true
