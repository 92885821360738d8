io.github.gigachat.it.ItSupport.startEmulator(context)
