package io.parley.console.inbox;

import io.parley.console.shell.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /console/inbox/stream}: the signed-in organization's inbox changes as server-sent events. */
@RestController
class InboxStreamController {
    private final InboxStreams streams;

    InboxStreamController(InboxStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/console/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(HttpServletRequest request) {
        return streams.open(ConsoleUser.of(request).requireOrganization());
    }
}
