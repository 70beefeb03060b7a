package io.github.fakesmtp.internal;

import io.github.fakesmtp.SmtpCommand;

/** Where a session asks whether a fault rule applies to the command at hand. */
public interface FaultHook {

    /** No rules, ever. */
    FaultHook NONE = new FaultHook() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public FaultDecision decide(SmtpCommand command) {
            return null;
        }
    };

    /**
     * A cheap check that lets sessions skip building an {@link SmtpCommand} when no rule is installed.
     *
     * @return whether any rule is installed
     */
    boolean active();

    /**
     * Finds the first rule that matches and counts it as fired.
     *
     * @param command the command and its session facts
     * @return what to do, or null to behave as usual
     */
    FaultDecision decide(SmtpCommand command);
}
