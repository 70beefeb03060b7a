package io.github.fakesmtp.standalone;

/** A server option that {@link io.github.fakesmtp.FakeSmtpServer.Builder} refused, with the option it concerns. */
final class InvalidOption extends RuntimeException {

    private final ServerOption option;

    InvalidOption(ServerOption option, String message, Throwable cause) {
        super(message, cause);
        this.option = option;
    }

    /** @return the option, or null when the builder's message names none */
    ServerOption option() {
        return option;
    }
}
