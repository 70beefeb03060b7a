package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ACCOUNT_MAILS;
import static io.github.fakesmtp.example.Fixtures.BASE_URL;
import static io.github.fakesmtp.example.Fixtures.ZOE;
import static io.github.fakesmtp.example.Fixtures.settingsFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.Link;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.junit5.FakeSmtp;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reset link and the sign-in code, taken from the mail as a reader would take them and used: no regular
 * expression over HTML, the link found by {@code links()} and the code by {@code find(..)}.
 */
@FakeSmtp(failOnUnexpectedMail = true)
class AccountAccessTest {

    @ParameterizedTest
    @EnumSource(Client.class)
    void theResetLinkInTheMailOpensTheAccountOnce(Client client, FakeSmtpServer smtp) {
        AccountAccess access = new AccountAccess(ACCOUNT_MAILS, client.sender(settingsFor(smtp)), BASE_URL);

        access.sendPasswordReset(ZOE);

        ReceivedMessage mail = smtp.takeMessage(Duration.ofSeconds(5));
        assertThat(mail).isWellFormed()
                .hasNoLinkTo("localhost")
                .extractingLink("/reset\\?token=").startsWith(BASE_URL + "/reset?token=");
        // the HTML link and the same URL in the text alternative are one link, with the HTML's text
        Link reset = mail.links().get(0);
        assertThat(mail.links()).containsExactly(reset);
        assertThat(reset.text()).isEqualTo("Choose a new password");

        assertThat(access.openResetLink(reset.url())).contains("zoe@example.com");
        assertThat(access.openResetLink(reset.url())).as("a reset link works once").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void theCodeInTheMailSignsInOnce(Client client, FakeSmtpServer smtp) {
        AccountAccess access = new AccountAccess(ACCOUNT_MAILS, client.sender(settingsFor(smtp)), BASE_URL);

        access.sendSignInCode(ZOE);

        ReceivedMessage mail = smtp.takeMessage(Duration.ofSeconds(5));
        assertThat(mail).isWellFormed().hasSubject("Your sign-in code")
                .extractingMatch("sign-in code: (\\d+)").hasSize(6);
        String code = mail.find("sign-in code: (\\d{6})");

        assertThat(access.signIn("zoe@example.com", code)).isTrue();
        assertThat(access.signIn("zoe@example.com", code)).as("a code works once").isFalse();
    }
}
