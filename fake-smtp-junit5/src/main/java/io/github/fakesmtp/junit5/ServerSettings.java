package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * How to build a server, from {@link FakeSmtp} or from {@link FakeSmtpExtension.Builder}. A value: two equal
 * settings describe the same server, which is how a {@code @Nested} class finds that it may share its
 * enclosing class's server instead of starting a second one on the same port.
 */
record ServerSettings(int port, Map<String, String> users, boolean authRequired, TlsMode tls, long maxMessageSize,
        FakeSmtp.Lifecycle lifecycle, boolean failOnUnexpectedMail, Consumer<FakeSmtpServer.Builder> customizer) {

    static final ServerSettings DEFAULTS = new ServerSettings(0, Map.of(), false, TlsMode.NONE, 0,
            FakeSmtp.Lifecycle.PER_TEST, false, null);

    ServerSettings {
        users = Map.copyOf(users);
    }

    static ServerSettings of(FakeSmtp annotation, Class<?> declaredOn) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String user : annotation.users()) {
            int colon = user.indexOf(':');
            if (colon < 1) {
                throw new ExtensionConfigurationException("@FakeSmtp(users = \"" + user + "\") on "
                        + declaredOn.getName() + ": write each user as \"name:password\"");
            }
            users.put(user.substring(0, colon), user.substring(colon + 1));
        }
        if (annotation.authRequired() && users.isEmpty()) {
            throw new ExtensionConfigurationException("@FakeSmtp(authRequired = true) on " + declaredOn.getName()
                    + " needs at least one user: add users = \"name:password\"");
        }
        return new ServerSettings(annotation.port(), users, annotation.authRequired(), annotation.tls(),
                annotation.maxMessageSize(), annotation.lifecycle(), annotation.failOnUnexpectedMail(), null);
    }

    /** Starts a server that records transcripts, so that a failing test can show them. */
    FakeSmtpServer start() {
        FakeSmtpServer.Builder builder = FakeSmtpServer.builder().port(port).tls(tls).recordTranscripts(true);
        users.forEach(builder::user);
        builder.authRequired(authRequired);
        if (maxMessageSize > 0) {
            builder.maxMessageSize(maxMessageSize);
        }
        if (customizer != null) {
            customizer.accept(builder);
        }
        return builder.start();
    }
}
