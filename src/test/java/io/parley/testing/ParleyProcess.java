package io.parley.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Parley in its own JVM, started from the test classpath, that a test can kill with SIGKILL and start
 * again on the same database and data directory.
 */
public final class ParleyProcess implements AutoCloseable {
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process process;

    public ParleyProcess(Map<String, String> environment, Path log) {
        this.port = freePort();
        this.environment = new java.util.HashMap<>(environment);
        this.environment.put("PORT", Integer.toString(port));
        this.log = log;
    }

    public int port() {
        return port;
    }

    public Api api() {
        return Api.at(port);
    }

    public ParleyProcess start() {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.parley.ParleyApplication"));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Parley", e);
        }
        awaitReady(Duration.ofSeconds(120));
        return this;
    }

    /** SIGKILL: no shutdown hooks, no graceful anything; children (the embedded PostgreSQL) keep running. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Parley exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (api().getRaw("/ready").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // connection refused while starting
            }
            pause();
        }
        throw new IllegalStateException("Parley was not ready within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops an embedded PostgreSQL left in {@code dataDir} (after a kill) so tests do not leak processes. */
    public static void stopLeftoverPostgres(Path dataDir) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
                Optional<ProcessHandle> handle = ProcessHandle.of(pid);
                handle.ifPresent(ProcessHandle::destroy);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort cleanup
        }
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path logFile(String name) {
        File dir = new File("target/process-logs");
        dir.mkdirs();
        return dir.toPath().resolve(name + "-" + System.currentTimeMillis() + ".log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
