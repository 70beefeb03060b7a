package io.github.fakesmtp.junit5;

import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.SavedMail;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Saves the mail of a failed test where a person finds it ({@link SavedMail} writes the files): in the folder
 * the configuration parameter {@value #REPORTS_DIR} names, else through JUnit's
 * {@code ExtensionContext.publishDirectory} (JUnit 5.12 and later: into JUnit's report output directory,
 * attached to the test as a file entry), else in {@code target/fake-smtp-reports} ({@code build/…} in a
 * Gradle project). The last two put each test in a folder {@code <class>/<method>} of their own.
 */
final class FailedTestMail {

    /** The configuration parameter that chooses the folder. */
    static final String REPORTS_DIR = SavedMail.REPORTS_DIR;
    /** The name of the folder published to JUnit. */
    static final String PUBLISHED_NAME = "fake-smtp";

    /**
     * {@code publishDirectory(String, ThrowingConsumer<Path>)}, looked up at run time: this module compiles
     * against the user's JUnit, which may be older than 5.12, and the method has the same signature from 5.12
     * to 6. ({@code publishFile} would need {@code MediaType}, which moved between 5.12 and 5.14.)
     */
    private static final Method PUBLISH_DIRECTORY = publishDirectory();

    private FailedTestMail() {
    }

    /**
     * Saves {@code messages} for the failed test or container of {@code context}.
     *
     * @return the files written; none when there are no messages
     * @throws IOException when the files cannot be written
     */
    static List<Path> save(ExtensionContext context, List<ReceivedMessage> messages) throws IOException {
        if (messages.isEmpty()) {
            return List.of();
        }
        Optional<String> configured = context.getConfigurationParameter(REPORTS_DIR).filter(dir -> !dir.isBlank());
        if (configured.isEmpty() && PUBLISH_DIRECTORY != null) {
            List<Path> published = publish(context, messages);
            if (published != null) {
                return published;
            }
        }
        return SavedMail.write(messages, SavedMail.folder(configured.orElse(null),
                context.getRequiredTestClass().getName(), testName(context)));
    }

    /** Through JUnit's report output; null when this JUnit cannot publish there (then the default folder). */
    private static List<Path> publish(ExtensionContext context, List<ReceivedMessage> messages) {
        List<Path> written = new ArrayList<>();
        ThrowingConsumer<Path> writer = directory -> written.addAll(SavedMail.write(messages, directory));
        try {
            PUBLISH_DIRECTORY.invoke(context, PUBLISHED_NAME, writer);
            return written;
        } catch (InvocationTargetException | IllegalAccessException | RuntimeException cannotPublish) {
            return null; // e.g. no output directory configured, or JUnit 5.12 refusing a folder that exists
        }
    }

    private static Method publishDirectory() {
        try {
            return ExtensionContext.class.getMethod("publishDirectory", String.class, ThrowingConsumer.class);
        } catch (NoSuchMethodException beforeJUnit512) {
            return null;
        }
    }

    /** The test method's name, with the invocation of a parameterized or repeated test: {@code sends[2]}. */
    private static String testName(ExtensionContext context) {
        String method = context.getTestMethod().map(Method::getName).orElse("class");
        String id = context.getUniqueId();
        int last = id.lastIndexOf("/[");
        String segment = last < 0 ? "" : id.substring(last + 2, id.length() - 1);
        int colon = segment.indexOf(':');
        if (colon > 0 && segment.substring(0, colon).endsWith("-invocation")) {
            return method + "[" + segment.substring(colon + 1).replace("#", "") + "]";
        }
        return method;
    }
}
