import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport
import groovy.json.JsonSlurper

try {
    def emulator = ItSupport.emulator(context)
    assert emulator.stats().requests(Endpoint.EMBEDDINGS) == 0
    assert emulator.stats().requests(Endpoint.OAUTH) == 0
    def log = ItSupport.buildLog(basedir)
    assert log.contains('Dry run:')
    assert log.contains('RUB')
    assert log.contains('src/main/resources/docs/returns.md')
    def report = new JsonSlurper().parse(new File(basedir, 'target/gigachat/embed-report.json'))
    assert report.dryRun == true
    assert report.newChunks > 0
    assert !new File(basedir, 'target/generated-resources/gigachat/META-INF/gigachat/embeddings/manifest.json').exists()
} finally {
    ItSupport.stop(context)
}
