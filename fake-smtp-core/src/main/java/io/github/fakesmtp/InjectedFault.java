package io.github.fakesmtp;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FaultRule} installed on a running server: counts how often it fired, so a test can check that the
 * failure it scripted really happened, and can be removed. Thread-safe.
 */
public final class InjectedFault {

    private final FaultRule rule;
    private final FaultRegistry registry;
    private final AtomicInteger remaining;
    private final AtomicInteger fired = new AtomicInteger();
    private final Random random;

    InjectedFault(FaultRule rule, FaultRegistry registry) {
        this.rule = rule;
        this.registry = registry;
        this.remaining = new AtomicInteger(rule.maxMatches());
        this.random = rule.probability() < 1 ? new Random(rule.seed()) : null;
    }

    /**
     * The rule.
     *
     * @return the installed rule
     */
    public FaultRule rule() {
        return rule;
    }

    /**
     * How many commands the rule has acted on so far.
     *
     * @return the count
     */
    public int timesFired() {
        return fired.get();
    }

    /**
     * Whether the rule acted at least once.
     *
     * @return true once fired
     */
    public boolean hasFired() {
        return fired.get() > 0;
    }

    /**
     * Whether a rule limited by {@link FaultRule.Builder#times(int)} has used all its matches.
     *
     * @return true when it will not fire again
     */
    public boolean isExhausted() {
        return remaining.get() == 0;
    }

    /** Uninstalls the rule; commands that arrive afterwards no longer see it. */
    public void remove() {
        registry.remove(this);
    }

    /** Decides, atomically, whether the rule fires for {@code command}, and counts it if so. */
    boolean tryFire(SmtpCommand command) {
        if (!rule.matches(command)) {
            return false;
        }
        if (random != null) {
            synchronized (random) {
                if (random.nextDouble() >= rule.probability()) {
                    return false;
                }
            }
        }
        if (remaining.get() >= 0) {
            int left;
            do {
                left = remaining.get();
                if (left == 0) {
                    return false;
                }
            } while (!remaining.compareAndSet(left, left - 1));
        }
        fired.incrementAndGet();
        return true;
    }

    /** @return the rule and how often it fired */
    @Override
    public String toString() {
        return rule + " [fired " + fired.get() + "x]";
    }
}
