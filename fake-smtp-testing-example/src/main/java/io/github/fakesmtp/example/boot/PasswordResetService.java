package io.github.fakesmtp.example.boot;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/** Sends the mail with a link to choose a new password: text and HTML alternatives, built with {@link MimeMessageHelper}. */
@Service
public class PasswordResetService {

    private final SecureRandom random = new SecureRandom();
    private final JavaMailSender mailSender;
    private final String from;
    private final String baseUrl;

    /**
     * Creates the service.
     *
     * @param mailSender Spring Boot's sender
     * @param from the sender address, {@code app.mail.from}
     * @param baseUrl where links point, {@code app.base-url}
     */
    public PasswordResetService(JavaMailSender mailSender, @Value("${app.mail.from}") String from,
            @Value("${app.base-url}") String baseUrl) {
        this.mailSender = mailSender;
        this.from = from;
        this.baseUrl = baseUrl;
    }

    /**
     * Mails a reset link to {@code email}.
     *
     * @param email the account's address
     * @return the token in the link
     */
    public String requestReset(String email) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        String link = baseUrl + "/reset?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        MimeMessage message = mailSender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(email);
            helper.setSubject("Reset your password");
            helper.setText("Choose a new password here: " + link + "\n\nIf you did not ask for this, ignore this mail.\n",
                    "<p><a href=\"" + link + "\">Choose a new password</a></p>");
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot build the password-reset mail", e);
        }
        mailSender.send(message);
        return token;
    }
}
