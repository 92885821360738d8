import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def log = ItSupport.buildLog(basedir)
    assert log.contains('gigachat.embed.outputDirectory')
    assert log.contains("is the project's base directory")
    assert ItSupport.emulator(context).stats().totalRequests() == 0
    assert !new File(basedir, 'META-INF').exists()
} finally {
    ItSupport.stop(context)
}
