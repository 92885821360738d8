io.github.gigachat.it.ItSupport.startEmulator(context)
return true
