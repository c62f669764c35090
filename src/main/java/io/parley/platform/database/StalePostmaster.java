package io.parley.platform.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM killed with SIGKILL leaves its embedded PostgreSQL running with our data directory: the next start
 * would fail on {@code postmaster.pid}. This finds such a server and shuts it down cleanly (fast shutdown,
 * which rolls back open transactions and keeps every committed one) before we start our own.
 */
final class StalePostmaster {
    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private StalePostmaster() {}

    static void stopIfRunning(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isPostgresFor(process.get(), dataDirectory)) {
            // PostgreSQL itself ignores a pid file whose process is gone; a recycled pid is not ours to signal.
            return;
        }
        log.warn(
                "A PostgreSQL server left behind by a previous run (pid {}) still holds {}; shutting it down",
                pid.get(),
                dataDirectory);
        signal(pid.get(), "INT");
        if (!awaitExit(process.get(), pidFile, GRACE)) {
            log.warn("PostgreSQL pid {} did not stop within {}; sending immediate shutdown", pid.get(), GRACE);
            signal(pid.get(), "QUIT");
            if (!awaitExit(process.get(), pidFile, GRACE)) {
                throw new IllegalStateException("Could not stop the PostgreSQL server (pid " + pid.get()
                        + ") that still uses " + dataDirectory + "; stop it manually and start Parley again");
            }
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgresFor(ProcessHandle process, Path dataDirectory) {
        String commandLine = process.info().commandLine().orElse("");
        if (commandLine.isEmpty()) {
            // Without a readable command line, trust the pid file in our own data directory.
            return true;
        }
        return commandLine.contains("postgres") && commandLine.contains(dataDirectory.toString());
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            kill.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("Could not signal PostgreSQL pid " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling PostgreSQL pid " + pid, e);
        }
    }

    /** Waits until the server removed its pid file or is gone; a zombie left for init to reap counts as gone. */
    private static boolean awaitExit(ProcessHandle process, Path pidFile, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!Files.exists(pidFile) || !process.isAlive()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
