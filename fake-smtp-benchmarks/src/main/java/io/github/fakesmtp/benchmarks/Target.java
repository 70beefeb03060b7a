package io.github.fakesmtp.benchmarks;

import java.util.List;

/** One SMTP server under test, started on 127.0.0.1 and a free port by its no-argument constructor. */
interface Target extends AutoCloseable {

    /** The names on the command line, with their adapter classes, loaded only in the JVM that runs them. */
    List<String> NAMES = List.of("fake-smtp", "greenmail", "wiser");

    int port();

    /** The raw bytes of every message captured so far, as the server stores them. */
    List<byte[]> captured() throws Exception;

    @Override
    void close();

    /** Starts {@code name}; its classes are loaded here, so a cold start includes them. */
    static Target start(String name) throws ReflectiveOperationException {
        // Constant names, no string building: the harness adds nothing to a cold start but a class lookup.
        String adapter = switch (name) {
            case "fake-smtp" -> "io.github.fakesmtp.benchmarks.FakeSmtpTarget";
            case "greenmail" -> "io.github.fakesmtp.benchmarks.GreenMailTarget";
            case "wiser" -> "io.github.fakesmtp.benchmarks.WiserTarget";
            default -> throw new IllegalArgumentException("unknown target " + name + ", expected one of " + NAMES);
        };
        return (Target) Class.forName(adapter).getDeclaredConstructor().newInstance();
    }
}
