package io.github.fakesmtp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.TlsMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command-line parsing of the standalone server. */
class FakeSmtpMainOptionsTest {

    @Test
    void defaults() {
        FakeSmtpMain.Options options = FakeSmtpMain.Options.parse(new String[0]);
        assertThat(options.host).isEqualTo("127.0.0.1");
        assertThat(options.port).isEqualTo(2525);
        assertThat(options.users).isEmpty();
        assertThat(options.authRequired).isFalse();
        assertThat(options.tls).isEqualTo(TlsMode.NONE);
        assertThat(options.maxMessageSize).isEqualTo(25L * 1024 * 1024);
        assertThat(options.maxRecipients).isEqualTo(1000);
        assertThat(options.dumpDir).isNull();
        assertThat(options.quiet).isFalse();
        assertThat(options.help).isFalse();
    }

    @Test
    void everyFlag() {
        FakeSmtpMain.Options options = FakeSmtpMain.Options.parse(new String[] {
            "--host", "127.0.0.2", "--port", "0", "--user", "app:s3:cret", "--user", "bob:pw", "--auth-required",
            "--tls", "STARTTLS", "--max-message-size", "1000", "--max-recipients", "5", "--dump-dir", "out",
            "--quiet"});
        assertThat(options.host).isEqualTo("127.0.0.2");
        assertThat(options.port).isZero();
        assertThat(options.users).containsExactly(
                org.assertj.core.api.Assertions.entry("app", "s3:cret"), // the password may hold colons
                org.assertj.core.api.Assertions.entry("bob", "pw"));
        assertThat(options.authRequired).isTrue();
        assertThat(options.tls).isEqualTo(TlsMode.STARTTLS);
        assertThat(options.maxMessageSize).isEqualTo(1000);
        assertThat(options.maxRecipients).isEqualTo(5);
        assertThat(options.dumpDir).isEqualTo(Path.of("out"));
        assertThat(options.quiet).isTrue();
    }

    @Test
    void helpInBothSpellings() {
        assertThat(FakeSmtpMain.Options.parse(new String[] {"--help"}).help).isTrue();
        assertThat(FakeSmtpMain.Options.parse(new String[] {"-h"}).help).isTrue();
        assertThat(FakeSmtpMain.USAGE).contains("--port", "--dump-dir", "--tls none|starttls|smtps");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--bogus                       | unknown option '--bogus'",
        "--port                        | --port needs a value",
        "--port x                      | --port takes a number from 0 to 65535, got 'x'",
        "--port 65536                  | --port takes a number from 0 to 65535, got '65536'",
        "--port -1                     | --port takes a number from 0 to 65535, got '-1'",
        "--user nopassword             | --user takes NAME:PASSWORD, got 'nopassword'",
        "--user :pw                    | --user takes NAME:PASSWORD, got ':pw'",
        "--tls ssl                     | --tls takes none, starttls or smtps, got 'ssl'",
        "--max-message-size 0          | --max-message-size takes a number from 1 to 2147483647, got '0'",
        "--max-recipients 0            | --max-recipients takes a number from 1 to 2147483647, got '0'",
        "--auth-required               | --auth-required needs at least one --user NAME:PASSWORD",
    })
    void badFlagsAreExplained(String commandLine, String message) {
        String[] args = commandLine.trim().split(" +");
        assertThatThrownBy(() -> FakeSmtpMain.Options.parse(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
