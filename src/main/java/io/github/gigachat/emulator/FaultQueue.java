package io.github.gigachat.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Holds injected faults in order and hands each out as many times as it was asked to apply. */
final class FaultQueue {
    private static final class Pending {
        final Fault fault;
        int remaining;

        Pending(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }
    }

    private final List<Pending> pending = new ArrayList<>();

    synchronized void add(Fault fault) {
        pending.add(new Pending(fault));
    }

    synchronized void clear() {
        pending.clear();
    }

    /** The first queued fault that matches {@code endpoint} (null for unknown paths), consumed once; or null. */
    synchronized Fault poll(Endpoint endpoint) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.fault.matches(endpoint)) {
                if (--p.remaining == 0) {
                    it.remove();
                }
                return p.fault;
            }
        }
        return null;
    }
}
