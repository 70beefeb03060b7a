package io.github.fakesmtp.internal.report;

import io.github.fakesmtp.Attachment;
import io.github.fakesmtp.ReceivedMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves the messages of a failed test for a person to open: {@code <sequence>.eml} with the exact bytes
 * received (a mail client opens it), and, for a message with an HTML body, {@code <sequence>.html} with that
 * body and its {@code cid:} images inlined as {@code data:} URIs (a browser shows it as the reader would).
 * Shared by the test-framework front ends, which choose the folder; not API.
 */
public final class SavedMail {

    /**
     * The setting that chooses the folder under which front ends save a failed test's mail: a JUnit
     * configuration parameter, or a JVM system property.
     */
    public static final String REPORTS_DIR = "fake-smtp.reports.dir";

    private SavedMail() {
    }

    /**
     * The folder for one test's mail: {@code <root>/<class>/<test>}, each name made safe for any file system.
     *
     * @param root the configured folder ({@link #REPORTS_DIR}), or null or blank for the default:
     *     {@code target/fake-smtp-reports}, or {@code build/fake-smtp-reports} where the working directory has
     *     a Gradle build and no Maven POM
     * @param testClass the test class's name
     * @param test the test's name, e.g. its method name
     * @return the folder, relative to the working directory unless {@code root} is absolute
     */
    public static Path folder(String root, String testClass, String test) {
        Path base = root == null || root.isBlank() ? defaultRoot() : Path.of(root);
        return base.resolve(safe(testClass)).resolve(safe(test));
    }

    private static Path defaultRoot() {
        boolean gradle = !Files.exists(Path.of("pom.xml"))
                && (Files.exists(Path.of("build.gradle")) || Files.exists(Path.of("build.gradle.kts")));
        return Path.of(gradle ? "build" : "target", "fake-smtp-reports");
    }

    /** A name that is one folder on every file system. */
    private static String safe(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(Character.isLetterOrDigit(c) || "._-[]$".indexOf(c) >= 0 ? c : '_');
        }
        return out.toString();
    }

    /**
     * Writes every message into {@code directory}, creating it, and replaces the {@code .eml} and
     * {@code .html} files an earlier run left there, so the folder shows this run only.
     *
     * @param messages the messages
     * @param directory the folder
     * @return the files written, in message order, as absolute paths
     * @throws IOException when the folder or a file cannot be written
     */
    public static List<Path> write(List<ReceivedMessage> messages, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, "*.{eml,html}")) {
            for (Path file : old) {
                Files.deleteIfExists(file);
            }
        }
        List<Path> written = new ArrayList<>();
        for (ReceivedMessage message : messages) {
            Path eml = directory.resolve(message.sequence() + ".eml");
            try (OutputStream out = Files.newOutputStream(eml)) {
                message.writeTo(out);
            }
            written.add(eml.toAbsolutePath().normalize());
            String html = htmlOf(message);
            if (html != null) {
                Path page = directory.resolve(message.sequence() + ".html");
                Files.writeString(page, html, StandardCharsets.UTF_8);
                written.add(page.toAbsolutePath().normalize());
            }
        }
        return written;
    }

    /**
     * The HTML body as a page a browser shows like a mail client: UTF-8 declared, and every {@code cid:}
     * image whose part is in the message inlined as a {@code data:} URI.
     *
     * @param message the message
     * @return the page, or {@code null} when the message has no HTML body or is not parseable MIME
     */
    static String htmlOf(ReceivedMessage message) {
        String html;
        List<Attachment> parts;
        try {
            html = message.htmlBody();
            if (html == null) {
                return null;
            }
            parts = message.attachments();
        } catch (RuntimeException notMime) {
            return null; // the .eml still shows what arrived
        }
        return InlineImages.page(html, parts).outerHtml();
    }
}
