import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def log = ItSupport.buildLog(basedir)
    assert log.contains('belongs to scope GIGACHAT_API_B2B')
    assert log.contains('not GIGACHAT_API_PERS')
    assert ItSupport.emulator(context).stats().requests(Endpoint.EMBEDDINGS) == 0
    assert !new File(basedir, 'target/generated-resources/gigachat/META-INF/gigachat/embeddings/manifest.json').exists()
} finally {
    ItSupport.stop(context)
}
