import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport
import groovy.json.JsonSlurper

try {
    def emulator = ItSupport.emulator(context)
    (1..3).each { i ->
        def manifest = new JsonSlurper().parse(new File(basedir, "module-${i}/target/generated-resources/gigachat/META-INF/gigachat/embeddings/manifest.json"))
        assert manifest.count >= 2
    }
    // 3 modules x (common + own); the common chunk may race once per module at most, never more
    assert emulator.stats().embeddedTexts() >= 4
    assert emulator.stats().embeddedTexts() <= 6
    def cache = new File(basedir, 'target/shared-cache')
    assert cache.isDirectory()
} finally {
    ItSupport.stop(context)
}
