package io.github.fakesmtp.example.boot;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;

/** The web slice of the password-reset endpoint plus mail, with Spring Boot 3's class names. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(PasswordResetController.class)
@ImportAutoConfiguration(MailSenderAutoConfiguration.class)
@Import(PasswordResetService.class)
@interface PasswordResetSlice {
}
