io.github.gigachat.it.ItSupport.startMutualTlsEmulator(context, basedir)
return true
