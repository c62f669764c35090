package io.parley.actionlinks.internal;

import io.parley.actionlinks.ActionLink;
import io.parley.actionlinks.ActionLinks;
import io.parley.actionlinks.ActionOutcome;
import io.parley.actionlinks.ActionPrompt;
import io.parley.actionlinks.LinkUse;
import io.parley.actionlinks.TokenRefusal;
import io.parley.platform.web.CappedBody;
import io.parley.platform.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /a/{token}}: a GET shows what the link does and a button, and changes nothing (link previews, mail
 * scanners and chat apps fetch GETs); the button POSTs, which uses the link once and answers with what its purpose
 * did. No session, no CSRF token and no API key: the token is the secret, and the form posts to the page's own URL.
 * Pages for browsers; an RFC 9457 problem (or a small JSON body) when the caller asks for JSON.
 */
@Controller
class ActionLinkController {
    /** How long "try again in a moment" asks a client to wait. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ActionLinks links;
    private final Clock clock;

    ActionLinkController(ActionLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    @GetMapping(ActionPageHeaders.ROOT + "/{token}")
    Object show(
            @PathVariable String token, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Instant now = clock.instant();
        Optional<ActionLink> link = links.peek(token);
        Optional<TokenRefusal> refusal =
                link.isEmpty() ? Optional.of(TokenRefusal.INVALID) : link.get().refusalAt(now);
        Optional<ActionPrompt> prompt = refusal.isEmpty() ? link.flatMap(links::prompt) : Optional.empty();
        if (refusal.isEmpty() && prompt.isEmpty()) {
            refusal = Optional.of(TokenRefusal.INVALID); // its purpose is gone: nothing could act on it
        }
        boolean json = wantsJson(accept);
        if (refusal.isPresent()) {
            return json ? problem(refusal.get()) : page(refusal.get());
        }
        ActionLink usable = link.orElseThrow();
        if (json) {
            return ResponseEntity.ok(Map.of(
                    "purpose", usable.purpose(),
                    "title", prompt.get().title(),
                    "button", prompt.get().button(),
                    "expiresAt", usable.expiresAt(),
                    "usesLeft", usable.usesLeft()));
        }
        ModelAndView page = new ModelAndView("actions/confirm");
        page.addObject("prompt", prompt.get());
        page.addObject("token", token);
        return page;
    }

    @PostMapping(ActionPageHeaders.ROOT + "/{token}")
    @CappedBody
    Object use(
            @PathVariable String token,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) {
        boolean json = wantsJson(accept);
        return switch (links.use(token)) {
            case LinkUse.Refused refused -> json ? problem(refused.refusal()) : page(refused.refusal());
            case LinkUse.Acted acted -> outcome(acted.outcome(), json, response);
        };
    }

    private static Object outcome(ActionOutcome outcome, boolean json, HttpServletResponse response) {
        return switch (outcome) {
            case ActionOutcome.Redirect redirect ->
                ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .header(HttpHeaders.LOCATION, redirect.url())
                        .build();
            case ActionOutcome.Done done ->
                json
                        ? ResponseEntity.ok(Map.of("message", done.message()))
                        : page(HttpStatus.OK, "done", done.message());
            case ActionOutcome.Failed failed ->
                json
                        ? problem(HttpStatus.CONFLICT, failed.code(), failed.message())
                        : page(HttpStatus.CONFLICT, "failed", failed.message());
            case ActionOutcome.Later later -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
                yield json
                        ? problem(HttpStatus.SERVICE_UNAVAILABLE, later.code(), later.message())
                        : page(HttpStatus.SERVICE_UNAVAILABLE, "later", later.message());
            }
        };
    }

    private static ModelAndView page(TokenRefusal refusal) {
        return page(HttpStatus.valueOf(refusal.status()), refusal.code(), refusal.message());
    }

    /** A page saying {@code message} under the title {@code actions.title.<kind>}. */
    private static ModelAndView page(HttpStatus status, String kind, String message) {
        ModelAndView page = new ModelAndView("actions/message");
        page.setStatus(status);
        page.addObject("kind", kind);
        page.addObject("message", message);
        return page;
    }

    private static ResponseEntity<ProblemDetail> problem(TokenRefusal refusal) {
        return problem(HttpStatus.valueOf(refusal.status()), refusal.code(), refusal.message());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, code, message));
    }

    /** JSON when the caller names a JSON type and not HTML (a browser's Accept names text/html first). */
    static boolean wantsJson(String accept) {
        return accept != null && !accept.contains("text/html") && accept.contains("json");
    }
}
