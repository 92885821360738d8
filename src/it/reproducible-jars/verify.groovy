// Two clean builds of the same sources, in two directories at two times, give byte-identical jars:
// the outer build's target/ and this copy's target/.
import groovy.xml.XmlSlurper
import java.nio.file.Files

File outer = new File(basedir, '../..').canonicalFile
String version = new XmlSlurper().parse(new File(basedir, 'pom.xml')).version.text()
def names = ['', '-sources', '-javadoc'].collect { "gigachat-maven-plugin-${version}${it}.jar".toString() }
names.each { name ->
    File first = new File(outer, name)
    File second = new File(basedir, "target/${name}")
    assert first.isFile() : "the outer build made no ${first}"
    assert second.isFile() : "the second build made no ${second}"
    assert first.length() > 10_000
    assert Arrays.equals(Files.readAllBytes(first.toPath()), Files.readAllBytes(second.toPath())) :
            "${name} differs between two builds of the same sources: compare with diffoscope ${first} ${second}"
}
def log = new File(basedir, 'build.log').text
assert log.contains('Building jar: ') && log.contains('-javadoc.jar')
return true
