import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_UNPAID'
    assert report.get('raised').collect { it.asText() } == ['VALID_UNPAID', 'UNKNOWN']
    def log = ItSupport.buildLog(basedir)
    assert log.contains('[WARNING] GigaChat key check: VALID_UNPAID (balance:embeddings)')
    assert log.contains('The build goes on because gigachat.failOnUnpaid=false')
    assert log.contains('Also UNKNOWN from models')
    assert log.contains('BUILD FAILURE')
    assert ItSupport.emulator(context).stats().requests(Endpoint.MODELS) >= 2
} finally {
    ItSupport.stop(context)
}
