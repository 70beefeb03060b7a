package io.github.fakesmtp;

import io.github.fakesmtp.internal.FaultDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A scripted failure: <em>when</em> a command of some phase arrives (always, the next N times, for some
 * address or user, or as a predicate says), <em>then</em> reply with an error, wait, or drop the connection.
 * Rules are deterministic unless {@link Builder#withProbability(double, long)} is asked for. Immutable.
 *
 * <pre>{@code
 * smtp.on(SmtpPhase.RCPT).matching("bob@example.com").reply(550, "5.1.1", "User unknown");
 * smtp.on(SmtpPhase.END_OF_DATA).times(2).reply(451, "4.3.0", "Try again later");  // fail twice, then accept
 * smtp.inject(Faults.greylisting());
 * }</pre>
 *
 * <p>A reply of 421 closes the connection after it is sent (RFC 5321 section 3.8). A rule on
 * {@link SmtpPhase#END_OF_DATA} that refuses the message means nothing is captured.
 */
public final class FaultRule {

    private final Set<SmtpPhase> phases;
    private final List<Predicate<SmtpCommand>> conditions;
    private final List<String> descriptions;
    private final int times;
    private final double probability;
    private final long seed;
    private final FaultDecision action;

    private FaultRule(Builder<?> builder, FaultDecision action) {
        this.phases = Set.copyOf(builder.phases);
        this.conditions = List.copyOf(builder.conditions);
        this.descriptions = List.copyOf(builder.descriptions);
        this.times = builder.times;
        this.probability = builder.probability;
        this.seed = builder.seed;
        this.action = action;
    }

    private FaultRule(FaultRule base, int times) {
        this.phases = base.phases;
        this.conditions = base.conditions;
        this.descriptions = base.descriptions;
        this.times = times;
        this.probability = base.probability;
        this.seed = base.seed;
        this.action = base.action;
    }

    /**
     * Starts a rule for commands of the given phases.
     *
     * @param phase a phase
     * @param more further phases
     * @return a builder whose terminal methods return the rule
     */
    public static Builder<FaultRule> on(SmtpPhase phase, SmtpPhase... more) {
        return new Builder<>(EnumSet.of(phase, more), Function.identity());
    }

    /**
     * Starts a rule for every phase, e.g. to make every reply slow.
     *
     * @return a builder whose terminal methods return the rule
     */
    public static Builder<FaultRule> onEveryPhase() {
        return new Builder<>(EnumSet.allOf(SmtpPhase.class), Function.identity());
    }

    /**
     * This rule, limited to its next {@code count} matches: {@code Faults.serviceUnavailable().times(2)} fails
     * two connections, then lets the third through.
     *
     * @param count at least 1
     * @return a new rule
     */
    public FaultRule times(int count) {
        return new FaultRule(this, requirePositive(count));
    }

    /**
     * The phases the rule applies to.
     *
     * @return an immutable set
     */
    public Set<SmtpPhase> phases() {
        return phases;
    }

    /**
     * How many matches the rule has before it retires.
     *
     * @return the count, or -1 for a rule that always applies
     */
    public int maxMatches() {
        return times;
    }

    boolean matches(SmtpCommand command) {
        if (!phases.contains(command.phase())) {
            return false;
        }
        for (Predicate<SmtpCommand> condition : conditions) {
            if (!condition.test(command)) {
                return false;
            }
        }
        return true;
    }

    double probability() {
        return probability;
    }

    long seed() {
        return seed;
    }

    FaultDecision action() {
        return action;
    }

    /** @return e.g. {@code on RCPT matching bob@example.com, next 2 times: reply 550 5.1.1 User unknown} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("on ");
        text.append(phases.size() == SmtpPhase.values().length ? "every phase" : phases.toString());
        for (String description : descriptions) {
            text.append(' ').append(description);
        }
        if (times > 0) {
            text.append(", next ").append(times).append(times == 1 ? " time" : " times");
        }
        if (probability < 1) {
            text.append(", with probability ").append(probability).append(" (seed ").append(seed).append(')');
        }
        text.append(": ");
        if (action.delayNanos() > 0 && action.kind() != FaultDecision.Kind.DELAY) {
            text.append("after ").append(Duration.ofNanos(action.delayNanos())).append(", ");
        }
        switch (action.kind()) {
            case REPLY -> text.append("reply ").append(action.reply().toString().replace('\n', ' '));
            case DISCONNECT -> text.append("disconnect");
            case DISCONNECT_AFTER_BYTES -> text.append("disconnect after ").append(action.bytes()).append(" bytes of data");
            case DELAY -> text.append("delay ").append(Duration.ofNanos(action.delayNanos()));
        }
        return text.toString();
    }

    private static int requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + count);
        }
        return count;
    }

    /**
     * Describes a rule: conditions first, then one terminal method that says what happens.
     *
     * @param <R> what the terminal methods return: the {@link FaultRule}, or the {@link InjectedFault}
     *     when the builder came from {@link FakeSmtpServer#on(SmtpPhase, SmtpPhase...)}
     */
    public static final class Builder<R> {

        private final Set<SmtpPhase> phases;
        private final Function<FaultRule, R> finish;
        private final List<Predicate<SmtpCommand>> conditions = new ArrayList<>();
        private final List<String> descriptions = new ArrayList<>();
        private int times = -1;
        private double probability = 1;
        private long seed;
        private Duration delayBefore = Duration.ZERO;

        Builder(Set<SmtpPhase> phases, Function<FaultRule, R> finish) {
            this.phases = phases;
            this.finish = finish;
        }

        /**
         * Applies only to the next {@code count} matching commands; after that the server behaves as usual.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder<R> times(int count) {
            this.times = requirePositive(count);
            return this;
        }

        /**
         * Applies only to the very next matching command.
         *
         * @return this builder
         */
        public Builder<R> once() {
            return times(1);
        }

        /**
         * Applies only to commands whose address (MAIL FROM, RCPT TO) is exactly {@code address}, ignoring case.
         *
         * @param address a mailbox such as {@code bob@example.com}
         * @return this builder
         */
        public Builder<R> matching(String address) {
            Objects.requireNonNull(address, "address");
            return condition("matching " + address, command -> address.equalsIgnoreCase(command.address()));
        }

        /**
         * Applies only to addresses in {@code domain}, ignoring case.
         *
         * @param domain a domain such as {@code example.com}
         * @return this builder
         */
        public Builder<R> matchingDomain(String domain) {
            Objects.requireNonNull(domain, "domain");
            return condition("in domain " + domain, command -> domain.equalsIgnoreCase(command.domain()));
        }

        /**
         * Applies only when the address, or for commands without one the argument, contains a match of
         * {@code regex}.
         *
         * @param regex a {@link Pattern} expression
         * @return this builder
         */
        public Builder<R> matchingRegex(String regex) {
            Pattern pattern = Pattern.compile(regex);
            return condition("matching /" + regex + "/", command -> pattern.matcher(
                    command.address() != null ? command.address() : command.argument()).find());
        }

        /**
         * Applies only to commands of a session authenticated as {@code user} (for {@link SmtpPhase#AUTH}: the
         * user trying to log in).
         *
         * @param user the user name
         * @return this builder
         */
        public Builder<R> forUser(String user) {
            Objects.requireNonNull(user, "user");
            return condition("for user " + user, command -> user.equals(command.user()));
        }

        /**
         * Applies only when {@code condition} holds.
         *
         * @param condition a thread-safe predicate over the command and its session
         * @return this builder
         */
        public Builder<R> when(Predicate<SmtpCommand> condition) {
            return condition("when <predicate>", Objects.requireNonNull(condition, "condition"));
        }

        /**
         * Applies to each matching command with the given probability, drawn from a generator seeded with
         * {@code seed}, so the same commands in the same order fail the same way every run.
         *
         * @param probability above 0, at most 1
         * @param seed the random seed
         * @return this builder
         */
        public Builder<R> withProbability(double probability, long seed) {
            if (!(probability > 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be above 0 and at most 1, was " + probability);
            }
            this.probability = probability;
            this.seed = seed;
            return this;
        }

        /**
         * Waits this long before the rule's action, e.g. a slow rejection.
         *
         * @param delay a non-negative duration
         * @return this builder
         */
        public Builder<R> after(Duration delay) {
            this.delayBefore = requireNotNegative(delay);
            return this;
        }

        /**
         * Replies with an error instead of the server's answer; the command has no effect.
         *
         * @param code a 4xx or 5xx reply code
         * @param enhancedCode the enhanced status code such as {@code 5.1.1}, or {@code null}
         * @param text the reply text
         * @return the rule, or the injected fault
         */
        public R reply(int code, String enhancedCode, String text) {
            return reply(SmtpReply.of(code, enhancedCode, text));
        }

        /**
         * Replies with an error whose text may begin with its enhanced code: {@code reply(535, "5.7.8 Bad")}.
         *
         * @param code a 4xx or 5xx reply code
         * @param text the reply text
         * @return the rule, or the injected fault
         */
        public R reply(int code, String text) {
            return reply(SmtpReply.of(code, text));
        }

        /**
         * Replies with {@code reply} (one or several lines) instead of the server's answer.
         *
         * @param reply a negative reply
         * @return the rule, or the injected fault
         * @throws IllegalArgumentException when the reply is not 4xx or 5xx
         */
        public R reply(SmtpReply reply) {
            if (!reply.isNegative()) {
                throw new IllegalArgumentException("a fault replies with a 4xx or 5xx code, not " + reply.code()
                        + "; to slow a normal reply down use delay(Duration)");
            }
            return build(new FaultDecision(FaultDecision.Kind.REPLY, reply, 0, 0));
        }

        /**
         * Closes the connection without a reply, as a crashed server or a broken network would.
         *
         * @return the rule, or the injected fault
         */
        public R disconnect() {
            return build(new FaultDecision(FaultDecision.Kind.DISCONNECT, null, 0, 0));
        }

        /**
         * For {@link SmtpPhase#DATA}: accepts DATA with 354, reads {@code bytes} octets of the message, then
         * closes the connection. Nothing is captured. For other phases it is {@link #disconnect()}.
         *
         * @param bytes how many octets to read first, 0 or more
         * @return the rule, or the injected fault
         */
        public R disconnectAfterBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must not be negative, was " + bytes);
            }
            return build(new FaultDecision(FaultDecision.Kind.DISCONNECT_AFTER_BYTES, null, 0, bytes));
        }

        /**
         * Waits before the server's usual reply: a slow server.
         *
         * @param delay a positive duration
         * @return the rule, or the injected fault
         */
        public R delay(Duration delay) {
            Duration wait = requireNotNegative(delay).plus(delayBefore);
            return finish.apply(new FaultRule(this, new FaultDecision(FaultDecision.Kind.DELAY, null, wait.toNanos(), 0)));
        }

        private R build(FaultDecision action) {
            return finish.apply(new FaultRule(this, action.withDelay(delayBefore.toNanos())));
        }

        private Builder<R> condition(String description, Predicate<SmtpCommand> condition) {
            conditions.add(condition);
            descriptions.add(description);
            return this;
        }

        private static Duration requireNotNegative(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a delay must not be negative, was " + delay);
            }
            return delay;
        }
    }
}
