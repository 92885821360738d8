import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.emulator.Fault
import io.github.gigachat.it.ItSupport

ItSupport.startEmulator(context)
// more failures than the client retries: /models cannot be read
ItSupport.emulator(context).injectFault(Fault.on(Endpoint.MODELS).times(20).status(500, '{"status":500,"message":"Internal Server Error"}'))
