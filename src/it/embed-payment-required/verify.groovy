import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport
import groovy.json.JsonSlurper

try {
    def emulator = ItSupport.emulator(context)
    def limited = ItSupport.LIMITED
    // the limited account paid for some chunks, then ran out
    assert emulator.balance(limited.clientId(), 'embeddings') < 40
    def report = new JsonSlurper().parse(new File(basedir, 'target/gigachat/embed-report.json'))
    assert report.outcome == 'OK'
    assert report.cacheHits > 0 : 'the rerun must reuse what the failed run embedded'
    assert report.newChunks > 0
    assert emulator.stats().embeddedTexts() == report.chunks : 'every chunk embedded exactly once over both builds'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('Payment Required') || log.contains('402')
} finally {
    ItSupport.stop(context)
}
