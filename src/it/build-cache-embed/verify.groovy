import io.github.gigachat.it.ItSupport

import java.nio.file.Files
import java.nio.file.StandardCopyOption

try {
    def emulator = ItSupport.emulator(context)
    def canary = [ItSupport.CANARY.authorizationKey(), ItSupport.CANARY.secret()]
    def cache = new File(basedir, 'build-cache')
    def jarName = 'target/build-cache-embed-1.0.jar'

    // build 1: embedded with the canary key, stored in the extension's cache, without a runAlways warning; then the
    // same agent after mvn clean: a hit, although the vector cache the first build filled is now there
    def firstLog = ItSupport.buildLog(basedir)
    assert firstLog.count('Loading cache configuration from') == 2
    assert firstLog.count('Local build was not found by checksum') == 1
    assert firstLog.count('Found cached build') == 1
    assert firstLog.count('Skipping plugin execution (cached): gigachat:embed') == 1
    // the hit skips embed but not verify: runAlways makes it check the key again
    assert firstLog.count('Mojo execution is forced by project property: gigachat:verify') == 1
    assert firstLog.count('GigaChat key check: VALID_PAID') == 2
    assert new File(basedir, 'vector-cache').list().length > 0
    assert !firstLog.contains('runAlways')
    def firstRequests = emulator.stats().totalRequests()
    assert emulator.stats().embeddedTexts() >= 1
    assert cache.isDirectory() && cache.list().length > 0
    def firstJar = new File(basedir, jarName)
    assert firstJar.isFile()
    // nothing secret reached what the extension fingerprints and stores (effective POM, parameters, build info)
    def leaks = ItSupport.findSecrets(basedir, canary)
    assert leaks.isEmpty() : leaks.join(', ')

    // build 2: a second checkout in another directory (sources and .mvn only), the same cache, no key anywhere
    def checkout = new File(basedir, 'checkout-2')
    ['pom.xml', '.mvn/extensions.xml', '.mvn/maven-build-cache-config.xml'].each { copy(basedir, checkout, it) }
    new File(basedir, 'src').eachFileRecurse { f ->
        if (f.isFile()) {
            copy(basedir, checkout, basedir.toPath().relativize(f.toPath()).toString())
        }
    }
    def settings = new File(checkout, 'no-servers-settings.xml')
    // offline, from the local repository build 1 filled; the repository id matches the one it was filled from
    def repo = '<id>local.central</id><url>file:///unused</url>'
    settings.text = '<settings><profiles><profile><id>r</id><activation><activeByDefault>true</activeByDefault>' +
            '</activation><repositories><repository>' + repo + '</repository></repositories><pluginRepositories>' +
            '<pluginRepository>' + repo + '</pluginRepository></pluginRepositories></profile></profiles></settings>'
    def build = { String logName, List<String> args ->
        def mvn = new File(mavenHome(basedir), 'bin/mvn').absolutePath
        def command = [mvn, '-B', '-o', '-s', settings.absolutePath, '-Dmaven.repo.local=' + localRepositoryPath,
                       '-Dmaven.build.cache.location=' + cache.absolutePath,
                       '-Dgigachat.authUrl=' + emulator.authUrl(), '-Dgigachat.baseUrl=' + emulator.baseUrl()] + args
        def builder = new ProcessBuilder(command).directory(checkout).redirectErrorStream(true)
                .redirectOutput(new File(checkout, logName))
        builder.environment().keySet().removeIf { it.startsWith('GIGACHAT_') }
        assert !builder.environment().values().any { v -> canary.any { v.contains(it) } }
        int exit = builder.start().waitFor()
        def text = new File(checkout, logName).getText('UTF-8')
        assert exit == 0 : text
        text
    }
    def secondLog = build('build.log', ['package'])

    assert secondLog.contains('Found cached build')
    assert secondLog.contains('Skipping plugin execution (cached): gigachat:embed')
    // verify and scan check the world, not the files: runAlways keeps them running on a hit
    assert secondLog.contains('Mojo execution is forced by project property: gigachat:scan')
    assert secondLog.contains('Mojo execution is forced by project property: gigachat:verify')
    assert secondLog.contains('GigaChat key check: Skipped: Maven is offline')
    assert secondLog.contains('GigaChat scan:')
    assert !secondLog.contains('runAlways')
    assert emulator.stats().totalRequests() == firstRequests : emulator.stats()
    def secondJar = new File(checkout, jarName)
    assert secondJar.isFile()
    assert Arrays.equals(Files.readAllBytes(firstJar.toPath()), Files.readAllBytes(secondJar.toPath()))

    // build 3: the same checkout with a parameter given on the command line, which is not in the effective POM: the
    // <reconcile> entry of the configuration makes it a miss, so emulated vectors never pass for the real ones
    def thirdLog = build('build-emulated.log', ['package', '-Dgigachat.emulator=true'])
    assert thirdLog.contains('Mojo cached parameters mismatch with actual, forcing full project build. Mojo: gigachat:embed')
    assert thirdLog.contains('--- gigachat:')
    assert thirdLog =~ /gigachat:[^ ]+:embed \(embed\)/
    assert emulator.stats().totalRequests() == firstRequests : emulator.stats()
    new java.util.zip.ZipFile(secondJar).withCloseable { jar ->
        def manifest = new groovy.json.JsonSlurper().parse(
                jar.getInputStream(jar.getEntry('META-INF/gigachat/embeddings/manifest.json')))
        assert manifest.emulated == true
    }
} finally {
    ItSupport.stop(context)
}

/** The Maven the invoker ran build 1 with: the outer one, or target/maven-dists/apache-maven-V for it-maven-V/. */
static File mavenHome(File basedir) {
    def clones = basedir.parentFile
    if (clones.name.startsWith('it-maven-')) {
        return new File(clones.parentFile, 'maven-dists/apache-maven-' + clones.name.substring('it-maven-'.length()))
    }
    new File(System.getProperty('maven.home'))
}

static void copy(File from, File to, String path) {
    def target = new File(to, path).toPath()
    Files.createDirectories(target.parent)
    Files.copy(new File(from, path).toPath(), target, StandardCopyOption.REPLACE_EXISTING)
}
