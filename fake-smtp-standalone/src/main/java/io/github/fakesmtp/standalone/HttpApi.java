package io.github.fakesmtp.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP API, on the JDK's own {@code com.sun.net.httpserver}. Requests run on a bounded pool of
 * {@value #MAX_THREADS} daemon threads, of which at most {@value #MAX_HELD} may be held by long polls and event
 * streams; {@link #close()} ends every thread the API started: the JDK's dispatcher and timer threads and the
 * pool's.
 */
final class HttpApi implements AutoCloseable {

    /** How often a held response writes a byte, to notice a client that has gone. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final int MAX_THREADS = 200;
    static final int MAX_HELD = 150;
    private static final int QUEUED_REQUESTS = 1000;
    private static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;
    /** A client gets this long to send its request line, headers and body. */
    private static final String MAX_REQUEST_SECONDS = "30";

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final Router router;
    private final Mailboxes mailboxes;
    private final RequestGuard guard;
    private final Capacity held = new Capacity(MAX_HELD);
    private final Capacity inFlight = new Capacity(Integer.MAX_VALUE);
    private final PrintStream log;

    private HttpApi(HttpServer server, ThreadPoolExecutor pool, Mailboxes mailboxes, InetAddress bindAddress, PrintStream log) {
        this.server = server;
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.guard = new RequestGuard(bindAddress);
        this.log = log;
        this.router = routes(held);
    }

    /** Every route of the API and the web inbox's files, each registered by the class that serves it. */
    static Router routes(Capacity held) {
        Router router = new Router();
        new ServerRoutes(held).register(router);
        new MessageRoutes(new MessageViews(), held).register(router);
        new FaultRoutes().register(router);
        new InboxRoutes().register(router);
        return router;
    }

    /**
     * Binds and starts serving.
     *
     * @param log where unexpected failures are reported, one line each
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    static HttpApi start(InetAddress bindAddress, int port, Mailboxes mailboxes, PrintStream log) {
        // Read once by the JDK when its first HTTP server starts. A slow or stalled client may take 30 s to send a
        // request, then its connection is closed; no limit on responses, which long polls and streams keep open.
        setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        setIfAbsent("sun.net.httpserver.nodelay", "true"); // small answers leave at once, not after a delayed ACK
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("fake-smtp cannot listen for HTTP on " + bindAddress.getHostAddress() + ":" + port
                    + ": " + e.getMessage() + (port != 0 ? " (another process may hold the port; --http-port 0 picks a free one)" : ""), e);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUED_REQUESTS), threads("fake-smtp-http-" + server.getAddress().getPort() + "-"));
        pool.allowCoreThreadTimeOut(true); // idle threads end; a quiet server keeps none
        HttpApi api = new HttpApi(server, pool, mailboxes, bindAddress, log);
        server.setExecutor(pool);
        server.createContext("/", api::dispatch);
        server.start();
        return api;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger sequence = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    int port() {
        return server.getAddress().getPort();
    }

    InetAddress address() {
        return server.getAddress().getAddress();
    }

    Router router() {
        return router;
    }

    /** The long polls and event streams open now. */
    Capacity held() {
        return held;
    }

    private void dispatch(HttpExchange exchange) {
        Call call = null;
        inFlight.tryAcquire();
        try {
            guard.check(exchange);
            Router.Match match = router.match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            call = new Call(exchange, match.parameters(), mailboxes);
            match.route().handler().handle(call);
        } catch (Problem problem) {
            answer(exchange, call, problem, null);
        } catch (Router.MethodNotAllowed notAllowed) {
            answer(exchange, call, notAllowed.problem, notAllowed.allow);
        } catch (IOException clientGone) {
            // nothing to answer to
        } catch (RuntimeException e) {
            log.println("fake-smtp: HTTP " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed: " + e);
            answer(exchange, call, Problem.of(500, "the server failed: " + e), null);
        } finally {
            exchange.close();
            inFlight.release();
        }
    }

    private static void answer(HttpExchange exchange, Call call, Problem problem, String allow) {
        if (exchange.getResponseCode() != -1) {
            return; // the answer had begun; the connection is closed instead
        }
        try {
            if (problem.status() == 413) {
                discardRequestBody(exchange);
            }
            if (allow != null) {
                exchange.getResponseHeaders().set("Allow", allow);
            }
            (call != null ? call : new Call(exchange, java.util.Map.of(), null)).problem(problem);
        } catch (IOException clientGone) {
            // nothing more to do
        }
    }

    /**
     * Reads what is left of a refused body (up to {@value #MAX_DISCARDED_BYTES} bytes) before answering: closing a
     * connection with unread data resets it, and the client would lose the 413 that explains the refusal.
     */
    private static void discardRequestBody(HttpExchange exchange) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (java.io.InputStream in = exchange.getRequestBody()) {
            for (int n = in.read(buffer); n >= 0 && total < MAX_DISCARDED_BYTES; n = in.read(buffer)) {
                total += n;
            }
        }
    }

    /**
     * Stops accepting, ends held responses and closes every connection, then waits for the pool's threads.
     * Call it after the SMTP servers are closed, which wakes the held responses so they end on their own.
     */
    @Override
    public void close() {
        try {
            // Let answers in progress finish (held ones were just woken), for at most a second. The JDK's own
            // stop(delay) cannot be asked for this: on Java 17 an idle server waits out the whole delay.
            inFlight.awaitInUse(0, Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        pool.shutdownNow(); // interrupts any thread still waiting
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                log.println("fake-smtp: " + pool.getActiveCount() + " HTTP threads still running 5 s after stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
