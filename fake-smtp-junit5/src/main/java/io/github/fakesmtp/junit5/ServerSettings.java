package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * How the extension starts a server: the options it sets on the server's own {@link FakeSmtpServer.Builder},
 * how long the server lives, and whether unexamined mail fails a test; from {@link FakeSmtp} or from
 * {@link FakeSmtpExtension.Builder}. Two settings are equal when they describe the same server: for the
 * annotation, when its attributes are equal, which is how a {@code @Nested} class finds that it may share its
 * enclosing class's server instead of starting a second one on the same port.
 */
final class ServerSettings {

    /** For the extension registered with {@code @ExtendWith} but no {@code @FakeSmtp}: the server's defaults. */
    static final ServerSettings DEFAULTS = new ServerSettings(new Object(), builder -> { },
            "@ExtendWith(FakeSmtpExtension.class)", FakeSmtp.Lifecycle.PER_TEST, false);

    /** What makes two settings the same server: the annotation (equal by its attributes), else identity. */
    private final Object sameServer;
    private final Consumer<FakeSmtpServer.Builder> options;
    /** Where the options come from, for messages; null for the programmatic form, named by its test class. */
    private final String source;
    private final FakeSmtp.Lifecycle lifecycle;
    private final boolean failOnUnexpectedMail;
    /** An annotation computes its hash from every attribute on each call; the store hashes keys often. */
    private final int hash;

    private ServerSettings(Object sameServer, Consumer<FakeSmtpServer.Builder> options, String source,
            FakeSmtp.Lifecycle lifecycle, boolean failOnUnexpectedMail) {
        this.sameServer = sameServer;
        this.options = options;
        this.source = source;
        this.lifecycle = lifecycle;
        this.failOnUnexpectedMail = failOnUnexpectedMail;
        this.hash = sameServer.hashCode();
    }

    static ServerSettings of(FakeSmtp annotation, Class<?> declaredOn) {
        return new ServerSettings(annotation, server -> FakeSmtpAttributes.apply(annotation, declaredOn, server),
                "@FakeSmtp on " + declaredOn.getName(), annotation.lifecycle(), annotation.failOnUnexpectedMail());
    }

    /** The programmatic form's settings; whether its server lives per class depends on its field, not on them. */
    static ServerSettings programmatic(Consumer<FakeSmtpServer.Builder> options, boolean failOnUnexpectedMail) {
        return new ServerSettings(new Object(), options, null, FakeSmtp.Lifecycle.PER_TEST, failOnUnexpectedMail);
    }

    FakeSmtp.Lifecycle lifecycle() {
        return lifecycle;
    }

    boolean failOnUnexpectedMail() {
        return failOnUnexpectedMail;
    }

    /**
     * Starts a server that records transcripts, so that a failing test can show them. Every option is checked
     * by the server's builder; what it refuses is a configuration error of {@code owner}.
     */
    FakeSmtpServer start(ExtensionContext owner) {
        try {
            FakeSmtpServer.Builder builder = FakeSmtpServer.builder().recordTranscripts(true);
            options.accept(builder);
            return builder.start();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            String of = source != null ? source : "FakeSmtpExtension.builder() in " + owner.getRequiredTestClass().getName();
            throw new ExtensionConfigurationException("Cannot start the fake SMTP server of " + of + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof ServerSettings settings && sameServer.equals(settings.sameServer);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return source != null ? source : "FakeSmtpExtension.builder()";
    }
}
