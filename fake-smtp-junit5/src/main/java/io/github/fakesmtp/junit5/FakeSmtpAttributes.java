package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Maps {@link FakeSmtp}'s attributes onto the server's own {@link FakeSmtpServer.Builder}, the one place that
 * validates them: a value it refuses becomes an {@link ExtensionConfigurationException} that names the
 * attribute and the class it is on. A size or count of {@value #SERVER_DEFAULT} keeps the server's default.
 */
final class FakeSmtpAttributes {

    /** What a size or count attribute says when it is not set. */
    static final int SERVER_DEFAULT = 0;

    private FakeSmtpAttributes() {
    }

    static void apply(FakeSmtp annotation, Class<?> declaredOn, FakeSmtpServer.Builder server) {
        set(declaredOn, "port", annotation.port(), () -> server.port(annotation.port()));
        // the value is left out: it holds passwords, and the builder's message quotes the entry it refuses
        set(declaredOn, "users", "…", () -> server.users(annotation.users()));
        server.authRequired(annotation.authRequired()).tls(annotation.tls()).requireTls(annotation.requireTls());
        if (annotation.maxMessageSize() != SERVER_DEFAULT) {
            set(declaredOn, "maxMessageSize", annotation.maxMessageSize(),
                    () -> server.maxMessageSize(annotation.maxMessageSize()));
        }
        if (annotation.maxRecipients() != SERVER_DEFAULT) {
            set(declaredOn, "maxRecipients", annotation.maxRecipients(),
                    () -> server.maxRecipients(annotation.maxRecipients()));
        }
    }

    private static void set(Class<?> declaredOn, String attribute, Object value, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException refused) {
            throw new ExtensionConfigurationException("@FakeSmtp(" + attribute + " = " + value + ") on "
                    + declaredOn.getName() + ": " + refused.getMessage(), refused);
        }
    }
}
