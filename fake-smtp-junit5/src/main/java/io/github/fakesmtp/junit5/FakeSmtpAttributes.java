package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.internal.report.AnnotationOptions;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Maps {@link FakeSmtp}'s attributes onto the server's own {@link FakeSmtpServer.Builder}, the one place that
 * validates them: a value it refuses becomes an {@link ExtensionConfigurationException} that names the
 * attribute and the class it is on. A size or count of {@value AnnotationOptions#SERVER_DEFAULT} keeps the
 * server's default.
 */
final class FakeSmtpAttributes {

    private FakeSmtpAttributes() {
    }

    static void apply(FakeSmtp annotation, Class<?> declaredOn, FakeSmtpServer.Builder server) {
        AnnotationOptions options = new AnnotationOptions(annotation.port(), List.of(annotation.users()),
                annotation.authRequired(), annotation.tls(), annotation.requireTls(), annotation.maxMessageSize(),
                annotation.maxRecipients());
        try {
            options.applyTo(server);
        } catch (AnnotationOptions.Refused refused) {
            throw new ExtensionConfigurationException("@FakeSmtp(" + refused.attribute() + " = "
                    + refused.shownValue() + ") on " + declaredOn.getName() + ": " + refused.getMessage(), refused);
        }
    }
}
