package io.github.fakesmtp.internal.report;

/**
 * Thrown by {@link io.github.fakesmtp.FakeSmtpServer.Builder#start()} when options contradict each other; it
 * names the option that needs the other, so that front ends can say which attribute to change. Not API: users
 * see an {@link IllegalStateException}.
 */
public final class ConflictingOptions extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String option;

    /**
     * @param option the option that needs another one, e.g. {@code authRequired}
     * @param message what is wrong and how to fix it, in the builder's terms
     */
    public ConflictingOptions(String option, String message) {
        super(message);
        this.option = option;
    }

    /** @return the option, named as on the builder and the annotations */
    public String option() {
        return option;
    }
}
