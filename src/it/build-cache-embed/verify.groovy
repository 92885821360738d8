import io.github.gigachat.it.ItSupport

import java.nio.file.Files
import java.nio.file.StandardCopyOption

try {
    def emulator = ItSupport.emulator(context)
    def canary = [ItSupport.CANARY.authorizationKey(), ItSupport.CANARY.secret()]
    def cache = new File(basedir, 'build-cache')
    def jarName = 'target/build-cache-embed-1.0.jar'

    // build 1: embedded with the canary key, stored in the extension's cache, without a runAlways warning
    def firstLog = ItSupport.buildLog(basedir)
    assert firstLog.contains('Loading cache configuration from')
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
    def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
    def command = [mvn, '-B', '-o', '-s', settings.absolutePath, '-Dmaven.repo.local=' + localRepositoryPath,
                   '-Dmaven.build.cache.location=' + cache.absolutePath,
                   '-Dgigachat.authUrl=' + emulator.authUrl(), '-Dgigachat.baseUrl=' + emulator.baseUrl(), 'package']
    def builder = new ProcessBuilder(command).directory(checkout).redirectErrorStream(true)
            .redirectOutput(new File(checkout, 'build.log'))
    builder.environment().keySet().removeIf { it.startsWith('GIGACHAT_') }
    assert !builder.environment().values().any { v -> canary.any { v.contains(it) } }
    int exit = builder.start().waitFor()
    def secondLog = new File(checkout, 'build.log').getText('UTF-8')
    assert exit == 0 : secondLog

    assert secondLog.contains('Found cached build')
    assert secondLog.contains('Skipping plugin execution (cached): gigachat:embed')
    // verify and scan check the world, not the files: runAlways keeps them running on a hit
    assert secondLog.contains('Mojo execution is forced by project property: gigachat:scan')
    assert secondLog.contains('GigaChat scan:')
    assert !secondLog.contains('runAlways')
    assert emulator.stats().totalRequests() == firstRequests : emulator.stats()
    def secondJar = new File(checkout, jarName)
    assert secondJar.isFile()
    assert Arrays.equals(Files.readAllBytes(firstJar.toPath()), Files.readAllBytes(secondJar.toPath()))
} finally {
    ItSupport.stop(context)
}

static void copy(File from, File to, String path) {
    def target = new File(to, path).toPath()
    Files.createDirectories(target.parent)
    Files.copy(new File(from, path).toPath(), target, StandardCopyOption.REPLACE_EXISTING)
}
