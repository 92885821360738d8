import io.github.gigachat.emulator.EmulatorAccount
import io.github.gigachat.it.ItSupport

ItSupport.startEmulator(context)
new File(basedir, 'app.properties').text = "key=${ItSupport.LEAKED.authorizationKey()}\n" +
        "demo=${EmulatorAccount.DEMO_PERS_PAID.authorizationKey()}\n"
ItSupport.gitCommitAll(basedir, 'a key and the demo key')
return true
