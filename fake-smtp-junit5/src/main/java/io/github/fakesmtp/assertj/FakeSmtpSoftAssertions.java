package io.github.fakesmtp.assertj;

import java.util.function.Consumer;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft assertions for fake-smtp: every failure is collected, and {@link #assertAll()} reports them together.
 *
 * <pre>{@code
 * FakeSmtpSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(smtp).hasReceivedExactly(1);
 *     softly.assertThat(smtp).firstMessage().hasSubject("Welcome").hasRecipient("bob@example.com");
 * });
 * }</pre>
 *
 * It also works as a parameter with AssertJ's {@code SoftAssertionsExtension}.
 */
public class FakeSmtpSoftAssertions extends AbstractSoftAssertions implements FakeSmtpSoftAssertionsProvider {

    /** Creates an empty collector of failures. */
    public FakeSmtpSoftAssertions() {
    }

    /**
     * Runs {@code assertions} softly and then fails with every collected failure, if any.
     *
     * @param assertions the assertions
     */
    public static void assertSoftly(Consumer<FakeSmtpSoftAssertions> assertions) {
        SoftAssertionsProvider.assertSoftly(FakeSmtpSoftAssertions.class, assertions);
    }
}
