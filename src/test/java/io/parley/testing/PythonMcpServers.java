package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The small Python MCP servers under {@code src/test/resources/mcp/}, started over stdio by tool source tests. */
public final class PythonMcpServers {
    private PythonMcpServers() {}

    /**
     * The Python interpreter itself: {@code python3} on PATH may be a wrapper script (pyenv shims, for one) that adds
     * variables of its own before Python starts, which would blur what Parley passed.
     */
    public static String python() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true)
                    .start();
            String executable = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor()).as(executable).isZero();
            return executable;
        } catch (IOException e) {
            throw new IllegalStateException("python3 is needed for the stdio MCP test servers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The path of a server script, e.g. {@code environment-server.py}. */
    public static String script(String name) {
        try {
            return Path.of(PythonMcpServers.class.getResource("/mcp/" + name).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
