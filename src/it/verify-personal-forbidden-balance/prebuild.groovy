import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.emulator.Fault
import io.github.gigachat.it.ItSupport

ItSupport.startEmulator(context)
// the API's own 403, as a pay-as-you-go account gets it, but for a GIGACHAT_API_PERS key
ItSupport.emulator(context).injectFault(Fault.on(Endpoint.BALANCE).status(403, '{"status":403,"message":"Permission denied"}'))
