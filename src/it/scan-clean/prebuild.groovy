import io.github.gigachat.it.ItSupport

ItSupport.startEmulator(context)
ItSupport.gitCommitAll(basedir, 'a clean repository')
return true
