import io.github.gigachat.it.ItSupport

ItSupport.startEmulator(context)
new File(basedir, 'old.properties').text = "key=${ItSupport.REVOKED.authorizationKey()}\n"
new File(basedir, 'live.properties').text = "key=${ItSupport.LEAKED.authorizationKey()}\n"
ItSupport.gitCommitAll(basedir, 'two keys')
return true
