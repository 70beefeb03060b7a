package io.github.fakesmtp;

import java.util.Objects;

/**
 * One problem {@link ReceivedMessage#problems()} found in a message: its kind and where it is. Immutable.
 *
 * @param problem the kind, with its explanation and reference
 * @param detail where in this message, e.g. {@code <a href="/reset">} or {@code line 12 is 1203 octets}
 */
public record Finding(Problem problem, String detail) {

    /**
     * Checks that both components are present.
     *
     * @param problem the kind
     * @param detail where
     */
    public Finding {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * The kind, where, and why it matters, on one line.
     *
     * @return for example {@code RELATIVE_LINK: links to a relative URL: <a href="/reset"> (a mail has no base
     *     URL: …)}
     */
    @Override
    public String toString() {
        return problem.name() + ": " + problem.description() + ": " + detail + " (" + problem.reference() + ")";
    }
}
