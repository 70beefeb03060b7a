package io.github.fakesmtp.benchmarks.suite;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the application under test does in every suite test: one mail through Angus Mail, with a new
 * {@code Session} each time, as an application that reads its settings per send does. The same for every
 * variant, so the variants differ only in how the test gets its server.
 */
final class Mail {

    private static final AtomicInteger SENT = new AtomicInteger();
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();

    private Mail() {
    }

    /**
     * Sends one mail and returns its subject, unique in this JVM, for the test to assert on.
     *
     * @param port the server's port on 127.0.0.1
     * @return the subject sent
     */
    static String send(int port) throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "10000");
        properties.setProperty("mail.smtp.writetimeout", "10000");
        Session session = Session.getInstance(properties);
        String subject = "Welcome #" + SENT.incrementAndGet();
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("app@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        message.setSubject(subject);
        message.setText("Hello Bob,\r\nwelcome aboard.\r\n");
        MAX_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
        try {
            Transport.send(message);
        } finally {
            IN_FLIGHT.decrementAndGet();
        }
        return subject;
    }

    /** The most sends that were under way at the same moment: shows that a parallel run was parallel. */
    static int maxInFlight() {
        return MAX_IN_FLIGHT.get();
    }
}
