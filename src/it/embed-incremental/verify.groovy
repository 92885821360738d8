import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport
import groovy.json.JsonSlurper

try {
    def emulator = ItSupport.emulator(context)
    def report = new JsonSlurper().parse(new File(basedir, 'target/gigachat/embed-report.json'))
    // the second build's report: nothing to do, no request
    assert report.upToDate == true
    assert report.requests == 0
    def firstBuildRequests = emulator.stats().requests(Endpoint.EMBEDDINGS)
    assert firstBuildRequests >= 1
    def jar = new java.util.zip.ZipFile(new File(basedir, 'target/embed-incremental-1.0.jar'))
    try {
        ['manifest.json', 'chunks.jsonl', 'vectors.npy'].each { f ->
            assert jar.getEntry('META-INF/gigachat/embeddings/' + f) != null : f
        }
        def manifest = new JsonSlurper().parse(jar.getInputStream(jar.getEntry('META-INF/gigachat/embeddings/manifest.json')))
        assert manifest.dimensions == 1024
        assert manifest.emulated == false
        def lines = jar.getInputStream(jar.getEntry('META-INF/gigachat/embeddings/chunks.jsonl')).text.readLines()
        assert lines.size() == manifest.count
        def sources = lines.collect { new JsonSlurper().parseText(it).source } as Set
        assert sources == ['src/main/resources/docs/delivery.md', 'src/main/resources/docs/faq-ru.md',
                           'src/main/resources/docs/returns.md', 'src/main/resources/notes.txt'] as Set
        assert emulator.stats().embeddedTexts() == manifest.count
    } finally {
        jar.close()
    }
    def log = ItSupport.buildLog(basedir)
    assert log.contains('Embeddings are up to date')
} finally {
    ItSupport.stop(context)
}
