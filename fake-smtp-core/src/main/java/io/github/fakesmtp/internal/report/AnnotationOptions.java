package io.github.fakesmtp.internal.report;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import java.util.List;

/**
 * The server options that fake-smtp's test annotations share ({@code @FakeSmtp}, {@code @AutoConfigureFakeSmtp}),
 * as a value: two equal values describe the same server. They are mapped onto {@link FakeSmtpServer.Builder},
 * the one place that validates them; what it refuses comes back as {@link Refused}, naming the attribute, for
 * the front end to phrase in its own terms.
 *
 * @param port the port, 0 for a free one
 * @param users users as {@code "name:password"}
 * @param authRequired whether MAIL needs AUTH first
 * @param tls how TLS is offered
 * @param requireTls whether MAIL and AUTH need TLS first
 * @param maxMessageSize the size limit, or {@value #SERVER_DEFAULT} for the server's default
 * @param maxRecipients the recipient limit, or {@value #SERVER_DEFAULT} for the server's default
 */
public record AnnotationOptions(int port, List<String> users, boolean authRequired, TlsMode tls, boolean requireTls,
        long maxMessageSize, int maxRecipients) {

    /** What a size or count attribute says when it is not set: keep the server's default. */
    public static final int SERVER_DEFAULT = 0;

    /**
     * Copies the users.
     *
     * @param port the port
     * @param users the users
     * @param authRequired whether AUTH is required
     * @param tls the TLS mode
     * @param requireTls whether TLS is required
     * @param maxMessageSize the size limit
     * @param maxRecipients the recipient limit
     */
    public AnnotationOptions {
        users = List.copyOf(users);
    }

    /**
     * Sets these options on {@code builder}.
     *
     * @param builder the server's builder
     * @return the builder
     * @throws Refused naming the attribute whose value the builder refused
     */
    public FakeSmtpServer.Builder applyTo(FakeSmtpServer.Builder builder) {
        set("port", String.valueOf(port), () -> builder.port(port));
        // the value is not shown: it holds passwords, and the builder's message quotes the entry it refuses
        set("users", "…", () -> builder.users(users.toArray(new String[0])));
        builder.authRequired(authRequired).tls(tls).requireTls(requireTls);
        if (maxMessageSize != SERVER_DEFAULT) {
            set("maxMessageSize", String.valueOf(maxMessageSize), () -> builder.maxMessageSize(maxMessageSize));
        }
        if (maxRecipients != SERVER_DEFAULT) {
            set("maxRecipients", String.valueOf(maxRecipients), () -> builder.maxRecipients(maxRecipients));
        }
        return builder;
    }

    /**
     * Starts the server {@code builder} describes, naming the attribute when its options contradict each other.
     *
     * @param builder a builder these options (and any others) were applied to
     * @return the running server
     * @throws Refused for options that contradict each other, naming the first one the builder named
     */
    public static FakeSmtpServer start(FakeSmtpServer.Builder builder) {
        try {
            return builder.start();
        } catch (ConflictingOptions conflict) {
            throw new Refused(conflict.option(), null, conflict);
        }
    }

    private static void set(String attribute, String shownValue, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException refused) {
            throw new Refused(attribute, shownValue, refused);
        }
    }

    /** A value, or a combination of values, that the server's builder refused. */
    public static final class Refused extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String attribute;
        private final String shownValue;

        Refused(String attribute, String shownValue, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.attribute = attribute;
            this.shownValue = shownValue;
        }

        /** @return the attribute, named as on the annotations and the builder */
        public String attribute() {
            return attribute;
        }

        /** @return the value as it may be shown, or null when the attribute conflicts with another one */
        public String shownValue() {
            return shownValue;
        }
    }
}
