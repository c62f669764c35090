package io.parley.channels.client;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import tools.jackson.databind.json.JsonMapper;

/** Server-sent events written straight to the response, flushed per event. */
final class EventStream {
    private final PrintWriter out;
    private final JsonMapper json;

    private EventStream(PrintWriter out, JsonMapper json) {
        this.out = out;
        this.json = json;
    }

    static EventStream open(HttpServletResponse response, JsonMapper json) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache, no-store");
        response.setHeader("X-Accel-Buffering", "no");
        PrintWriter out = response.getWriter();
        out.flush();
        response.flushBuffer();
        return new EventStream(out, json);
    }

    /** @return false once the client went away */
    boolean send(String event, String id, Object data) {
        StringBuilder frame = new StringBuilder();
        if (id != null) {
            frame.append("id: ").append(id).append('\n');
        }
        frame.append("event: ").append(event).append('\n');
        frame.append("data: ").append(json.writeValueAsString(data)).append("\n\n");
        out.write(frame.toString());
        out.flush();
        return !out.checkError();
    }

    /** A reconnection delay hint for EventSource clients. */
    boolean retry(long millis) {
        out.write("retry: " + millis + "\n\n");
        out.flush();
        return !out.checkError();
    }

    boolean comment(String text) {
        out.write(": " + text + "\n\n");
        out.flush();
        return !out.checkError();
    }
}
