import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport
import groovy.json.JsonSlurper

try {
    def emulator = ItSupport.emulator(context)
    def embeddings = new File(basedir, 'src/main/resources/META-INF/gigachat/embeddings')
    // the team's own files there survived the three builds, unchanged
    assert new File(embeddings, 'README.md').text.startsWith('# Why the vectors are committed')
    assert new File(embeddings, 'keep.properties').text == 'keep=me\n'
    // the native outputs are there; the spring-ai file of the first build was removed when the format was dropped
    ['manifest.json', 'chunks.jsonl', 'vectors.npy'].each { assert new File(embeddings, it).isFile() : it }
    assert !new File(embeddings, 'spring-ai-vector-store.json').exists()
    def log = ItSupport.buildLog(basedir)
    assert log.contains('Removed META-INF/gigachat/embeddings/spring-ai-vector-store.json')
    assert log.contains('Embeddings are up to date')
    // the output directory is still an input (README.md is embedded), and no output was read back as one
    def sources = new File(embeddings, 'chunks.jsonl').readLines().collect { new JsonSlurper().parseText(it).source } as Set
    assert sources == ['src/main/resources/META-INF/gigachat/embeddings/README.md',
                       'src/main/resources/docs/guide.md'] as Set
    // embedded once, in the first build; the later builds found everything in the cache
    def manifest = new JsonSlurper().parse(new File(embeddings, 'manifest.json'))
    assert emulator.stats().embeddedTexts() == manifest.count
    def report = new JsonSlurper().parse(new File(basedir, 'target/gigachat/embed-report.json'))
    assert report.upToDate == true
    // and the jar carries the vectors next to the team's files
    def jar = new java.util.zip.ZipFile(new File(basedir, 'target/embed-output-in-resources-1.0.jar'))
    try {
        ['README.md', 'keep.properties', 'manifest.json', 'chunks.jsonl', 'vectors.npy'].each { f ->
            assert jar.getEntry('META-INF/gigachat/embeddings/' + f) != null : f
        }
        // (target/classes still holds the first build's copy of the dropped spring-ai file: without clean, the
        // resources plugin never removes what it copied before)
        assert jar.getEntry('META-INF/gigachat/embeddings/chunks.jsonl').size == new File(embeddings, 'chunks.jsonl').length()
    } finally {
        jar.close()
    }
} finally {
    ItSupport.stop(context)
}
