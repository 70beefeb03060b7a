package io.github.fakesmtp;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's live threads by name, virtual ones included: {@code Thread.getAllStackTraces()} does not list
 * virtual threads, so on Java 21+ a JSON thread dump (which does) is read, and no thread a server leaves
 * behind goes unnoticed, whatever its kind.
 */
final class ServerThreads {

    private static final Pattern NAME = Pattern.compile("\"name\": \"(fake-smtp-[^\"]*)\"");

    private ServerThreads() {
    }

    /** Names of the live threads of the server on {@code port}. */
    static List<String> live(int port) {
        String prefix = "fake-smtp-" + port + "-";
        return names().stream().filter(name -> name.startsWith(prefix)).toList();
    }

    /** How many fake-smtp threads are live, of any server. */
    static long liveAll() {
        return names().size();
    }

    private static List<String> names() {
        if (Runtime.version().feature() >= 21) {
            return namesFromThreadDump();
        }
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("fake-smtp-"))
                .map(Thread::getName).toList();
    }

    /** HotSpotDiagnosticMXBean.dumpThreads(file, JSON), called reflectively: it exists from Java 21 on. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<String> namesFromThreadDump() {
        try {
            Class<?> bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Class<? extends Enum> format =
                    (Class<? extends Enum>) Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            Object diagnostics = ManagementFactory.getPlatformMXBean((Class) bean);
            Path file = Files.createTempFile("fake-smtp-threads", ".json");
            Files.delete(file); // dumpThreads refuses to overwrite
            try {
                bean.getMethod("dumpThreads", String.class, format)
                        .invoke(diagnostics, file.toString(), Enum.valueOf(format, "JSON"));
                Matcher matcher = NAME.matcher(Files.readString(file));
                List<String> names = new ArrayList<>();
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
                return names;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new IllegalStateException("cannot list virtual threads", e);
        }
    }
}
