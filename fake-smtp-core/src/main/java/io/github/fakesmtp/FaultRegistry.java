package io.github.fakesmtp;

import io.github.fakesmtp.internal.FaultDecision;
import io.github.fakesmtp.internal.FaultHook;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The rules installed on one server, consulted by its sessions in the order they were added. */
final class FaultRegistry implements FaultHook {

    private final List<InjectedFault> faults = new CopyOnWriteArrayList<>();

    InjectedFault add(FaultRule rule) {
        InjectedFault fault = new InjectedFault(rule, this);
        faults.add(fault);
        return fault;
    }

    void remove(InjectedFault fault) {
        faults.remove(fault);
    }

    void clear() {
        faults.clear();
    }

    List<InjectedFault> all() {
        return List.copyOf(faults);
    }

    @Override
    public boolean active() {
        return !faults.isEmpty();
    }

    @Override
    public FaultDecision decide(SmtpCommand command) {
        for (InjectedFault fault : faults) {
            if (fault.tryFire(command)) {
                return fault.rule().action();
            }
        }
        return null;
    }
}
