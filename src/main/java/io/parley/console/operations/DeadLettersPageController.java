package io.parley.console.operations;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import io.parley.delivery.DeadLetters;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.ChannelAccounts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Messages that failed for good: the list with its filter, replay of one, and replay of every open one the filter
 * matches. The result of a replay comes back as query parameters of the redirect and is shown above the list.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class DeadLettersPageController {
    private final DeadLetters deadLetters;
    private final ChannelAccounts channelAccounts;

    DeadLettersPageController(DeadLetters deadLetters, ChannelAccounts channelAccounts) {
        this.deadLetters = deadLetters;
        this.channelAccounts = channelAccounts;
    }

    @GetMapping("/console/dead-letters")
    String list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String lane,
            @RequestParam(name = "transient", required = false) String transientOnly,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) Integer replayed,
            @RequestParam(required = false) Integer skipped,
            @RequestParam(required = false) String replayedOne,
            HttpServletRequest request,
            Model model) {
        OrganizationId organization = ConsoleUser.of(request).requireOrganization();
        DeadLetterQuery query = DeadLetterQuery.of(state, reason, lane, transientOnly);
        Map<UUID, String> channels = new HashMap<>();
        PageSlice<DeadLetterRow> slice = PageSlice.of(
                page,
                limit -> deadLetters.list(organization, query.filter(), limit).stream()
                        .map(letter ->
                                new DeadLetterRow(letter, channels.computeIfAbsent(letter.channelId(), this::channel)))
                        .toList());
        model.addAttribute("query", query);
        model.addAttribute("slice", slice);
        model.addAttribute("states", DeadLetterQuery.STATES);
        model.addAttribute("lanes", DeadLetterQuery.LANES);
        model.addAttribute("replayed", replayed);
        model.addAttribute("skipped", skipped == null ? 0 : skipped);
        model.addAttribute("replayedOne", replayedOne);
        model.addAttribute("tab", "messages");
        return "console/dead-letters";
    }

    @PostMapping("/console/dead-letters/{deadLetterId}/replay")
    String replay(
            @PathVariable String deadLetterId,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String lane,
            @RequestParam(name = "transient", required = false) String transientOnly,
            HttpServletRequest request) {
        ConsoleUser me = ConsoleUser.of(request);
        UUID id = uuid(deadLetterId);
        DeadLetterQuery query = DeadLetterQuery.of(state, reason, lane, transientOnly);
        deadLetters.replay(me.requireOrganization(), id, me.caller().label());
        return redirect(query, Map.of("replayedOne", id.toString()));
    }

    @PostMapping("/console/dead-letters/replay")
    String replayMatching(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String lane,
            @RequestParam(name = "transient", required = false) String transientOnly,
            HttpServletRequest request) {
        ConsoleUser me = ConsoleUser.of(request);
        DeadLetterQuery query = DeadLetterQuery.of(state, reason, lane, transientOnly);
        DeadLetters.BulkReplay result = deadLetters.replayMatching(
                me.requireOrganization(), query.filter(), me.caller().label());
        return redirect(
                query,
                Map.of("replayed", Integer.toString(result.replayed()), "skipped", Integer.toString(result.skipped())));
    }

    private static String redirect(DeadLetterQuery query, Map<String, String> outcome) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/console/dead-letters");
        query.parameters().forEach(uri::queryParam);
        outcome.forEach(uri::queryParam);
        return "redirect:" + uri.encode().build().toUriString();
    }

    private String channel(UUID channelAccountId) {
        if (channelAccountId == null) {
            return "";
        }
        try {
            return channelAccounts
                    .get(new ChannelAccountId(channelAccountId))
                    .type()
                    .wireName();
        } catch (NotFoundException e) {
            return "";
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("dead_letter_not_found", "No dead letter with id '" + value + "'");
        }
    }
}
