package io.github.fakesmtp.benchmarks;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one scenario against one target in this JVM and prints {@code RESULT <metric> <value>} lines. Started
 * by {@link BenchmarkRunner} in a fresh JVM per target and scenario: {@code Scenarios <target> <scenario>}.
 *
 * <p>Every scenario checks afterwards that each message sent was captured, byte for byte.
 */
public final class Scenarios {

    static final List<String> ALL = List.of(
            "cold", "startstop", "session", "connection", "concurrent", "pipelined", "big", "small", "angus", "suite");

    private static final int KB = 1024;
    private static final int BIG = 20 * 1024 * 1024;

    private final String target;

    private Scenarios(String target) {
        this.target = target;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Scenarios <target> <scenario>");
        }
        Scenarios scenarios = new Scenarios(args[0]);
        switch (args[1]) {
            case "cold" -> scenarios.cold();
            case "startstop" -> scenarios.startStop();
            case "session" -> scenarios.repeat(1, 2, scenarios::oneSession);
            case "connection" -> scenarios.repeat(1, 2, scenarios::connectionPerMessage);
            case "concurrent" -> scenarios.repeat(1, 2, measured -> scenarios.concurrent(false, measured));
            case "pipelined" -> {
                if (scenarios.advertisesPipelining()) {
                    scenarios.repeat(1, 2, measured -> scenarios.concurrent(true, measured));
                } else {
                    System.out.println("NOTE " + scenarios.target + " does not advertise PIPELINING, so a client "
                            + "must not pipeline (RFC 2920 section 3.1): not measured");
                }
            }
            case "big" -> scenarios.repeat(3, 3, scenarios::bigMessage); // the scan loop needs a few to be compiled
            case "small" -> scenarios.repeat(1, 2, scenarios::smallMessagesHeap);
            case "angus" -> scenarios.repeat(1, 2, scenarios::angusTransport);
            default -> throw new IllegalArgumentException("unknown scenario " + args[1] + ", expected one of " + ALL);
        }
        System.exit(0); // a peer may leave non-daemon threads behind
    }

    /** The very first start and stop in this JVM: class loading and static initialisation included. */
    private void cold() throws Exception {
        long start = System.nanoTime();
        Target server = Target.start(target);
        server.close();
        result("cold.ms", millis(System.nanoTime() - start));
    }

    /** Warm start + stop, and warm start until a client has read the 220 greeting; medians of many cycles. */
    private void startStop() throws Exception {
        for (int i = 0; i < 300; i++) {
            Target.start(target).close();
        }
        double[] cycles = new double[500];
        for (int i = 0; i < cycles.length; i++) {
            long start = System.nanoTime();
            Target server = Target.start(target);
            server.close();
            cycles[i] = millis(System.nanoTime() - start);
        }
        result("startstop.ms", median(cycles));
        double[] greetings = new double[300];
        for (int i = -100; i < greetings.length; i++) {
            long start = System.nanoTime();
            Target server = Target.start(target);
            try (SmtpClient client = SmtpClient.connect(server.port())) {
                client.expect(220);
                if (i >= 0) {
                    greetings[i] = millis(System.nanoTime() - start);
                }
            } finally {
                server.close();
            }
        }
        result("greeting.ms", median(greetings));
    }

    private boolean advertisesPipelining() throws Exception {
        try (Target server = Target.start(target); SmtpClient client = SmtpClient.open(server.port())) {
            boolean pipelining = client.pipelining();
            client.quit();
            return pipelining;
        }
    }

    /** One connection, 2,000 x 1 KB, each reply awaited. */
    private void oneSession(boolean measured) throws Exception {
        int count = 2000;
        byte[][] payloads = payloads(count, KB);
        try (Target server = Target.start(target)) {
            long start;
            try (SmtpClient client = SmtpClient.open(server.port())) {
                start = System.nanoTime();
                for (byte[] payload : payloads) {
                    client.send(payload, false);
                }
                client.quit();
            }
            long elapsed = System.nanoTime() - start;
            verify(server.captured(), count, KB);
            if (measured) {
                result("session.msgs", count / seconds(elapsed));
            }
        }
    }

    /** A new connection per message (connect, 220, EHLO, MAIL, RCPT, DATA, QUIT): 1,000, or 10 s at most. */
    private void connectionPerMessage(boolean measured) throws Exception {
        int count = 1000;
        byte[][] payloads = payloads(count, KB);
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (Target server = Target.start(target)) {
            long start = System.nanoTime();
            int sent = 0;
            while (sent < count && System.nanoTime() < deadline) {
                try (SmtpClient client = SmtpClient.open(server.port())) {
                    client.send(payloads[sent], false);
                    client.quit();
                }
                sent++;
            }
            long elapsed = System.nanoTime() - start;
            verify(server.captured(), sent, KB);
            if (measured) {
                result("connection.msgs", sent / seconds(elapsed));
            }
        }
    }

    /**
     * 8 connections at once, 500 x 1 KB each (or 15 s at most); with {@code pipelined}, MAIL/RCPT/DATA go in
     * one write.
     */
    private void concurrent(boolean pipelined, boolean measured) throws Exception {
        int connections = 8;
        int perConnection = 500;
        byte[][] payloads = payloads(connections * perConnection, KB);
        long deadline = System.nanoTime() + 15_000_000_000L;
        try (Target server = Target.start(target)) {
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            BitSet sent = new BitSet();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int first = c * perConnection;
                Thread thread = new Thread(() -> {
                    int i = first;
                    try (SmtpClient client = SmtpClient.open(server.port())) {
                        go.await();
                        for (; i < first + perConnection && System.nanoTime() < deadline; i++) {
                            client.send(payloads[i], pipelined);
                        }
                        client.quit();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                    synchronized (sent) {
                        sent.set(first, i);
                    }
                }, "client-" + c);
                clients.add(thread);
                thread.start();
            }
            long start = System.nanoTime();
            go.countDown();
            for (Thread thread : clients) {
                thread.join();
            }
            long elapsed = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("a client failed", failure.get());
            }
            verify(server.captured(), sent, KB);
            if (measured) {
                result((pipelined ? "pipelined" : "concurrent") + ".msgs", sent.cardinality() / seconds(elapsed));
            }
        }
    }

    /** One 20 MB message: MiB/s from MAIL to the 250 after the data, and the heap it retains per byte. */
    private void bigMessage(boolean measured) throws Exception {
        byte[] payload = Messages.dataPayload(Messages.message(0, BIG));
        try (Target server = Target.start(target)) {
            long before = settledHeap();
            long elapsed;
            try (SmtpClient client = SmtpClient.open(server.port())) {
                long start = System.nanoTime();
                client.send(payload, false);
                elapsed = System.nanoTime() - start;
                client.quit();
            }
            long after = settledHeap();
            verify(server.captured(), 1, BIG);
            if (measured) {
                result("big.mbps", BIG / (1024.0 * 1024.0) / seconds(elapsed));
                result("big.heap", (after - before) / (double) BIG);
            }
        }
    }

    /** 1,000 x 10 KB on one connection: the heap retained by the captured messages over their size. */
    private void smallMessagesHeap(boolean measured) throws Exception {
        int count = 1000;
        int size = 10 * KB;
        byte[][] payloads = payloads(count, size);
        try (Target server = Target.start(target)) {
            long before = settledHeap();
            try (SmtpClient client = SmtpClient.open(server.port())) {
                for (byte[] payload : payloads) {
                    client.send(payload, false);
                }
                client.quit();
            }
            long after = settledHeap();
            verify(server.captured(), count, size);
            if (measured) {
                result("small.heap", (after - before) / ((double) count * size));
            }
        }
    }

    /** Angus Mail's SMTP Transport, one connection, 500 x 1 KB. */
    private void angusTransport(boolean measured) throws Exception {
        int count = 500;
        try (Target server = Target.start(target)) {
            Properties properties = new Properties();
            properties.setProperty("mail.smtp.host", "127.0.0.1");
            properties.setProperty("mail.smtp.port", Integer.toString(server.port()));
            properties.setProperty("mail.smtp.timeout", "60000");
            Session session = Session.getInstance(properties);
            MimeMessage[] messages = new MimeMessage[count];
            for (int i = 0; i < count; i++) {
                // Parsed from raw bytes and not modified, so Angus writes exactly these bytes.
                messages[i] = new MimeMessage(session, new ByteArrayInputStream(Messages.message(i, KB)));
            }
            Address[] to = {new InternetAddress(Messages.RECIPIENT)};
            long start = System.nanoTime();
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                for (MimeMessage message : messages) {
                    transport.sendMessage(message, to);
                }
            }
            long elapsed = System.nanoTime() - start;
            verify(server.captured(), count, KB);
            if (measured) {
                result("angus.msgs", count / seconds(elapsed));
            }
        }
    }

    /** Checks every message byte for byte; a lost final CRLF is reported as a note, not hidden. */
    private void verify(List<byte[]> captured, int count, int size) {
        BitSet all = new BitSet(count);
        all.set(0, count);
        verify(captured, all, size);
    }

    private void verify(List<byte[]> captured, BitSet sent, int size) {
        int count = sent.cardinality();
        int lost = Messages.verify(captured, sent, size);
        if (lost > 0) {
            System.out.println("NOTE " + target + " lost the CRLF ending the last line (part of the message, "
                    + "RFC 5321 section 4.1.1.4) of " + (lost == count ? "every" : "some") + " message");
        }
    }

    private interface Run {
        void run(boolean measured) throws Exception;
    }

    private void repeat(int warmUps, int measured, Run run) throws Exception {
        for (int i = 0; i < warmUps; i++) {
            run.run(false);
        }
        for (int i = 0; i < measured; i++) {
            run.run(true);
        }
    }

    private static byte[][] payloads(int count, int size) {
        byte[][] payloads = new byte[count][];
        for (int i = 0; i < count; i++) {
            payloads[i] = Messages.dataPayload(Messages.message(i, size));
        }
        return payloads;
    }

    /**
     * Used heap once garbage collection has settled: full collections until two readings agree within 64 KB.
     * The difference of two such readings is what the server retains in between.
     */
    static long settledHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50); // lets connection threads that just saw the client leave finish
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void result(String metric, double value) {
        System.out.println("RESULT " + metric + " " + value);
    }
}
