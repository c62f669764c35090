package io.parley.console.bots;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.knowledge.CrawlRequest;
import io.parley.knowledge.Knowledge;
import io.parley.knowledge.KnowledgeCrawl;
import io.parley.knowledge.KnowledgeSources;
import io.parley.knowledge.QuotaExceededException;
import io.parley.knowledge.UnsupportedContentException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.ParleyException;
import io.parley.tenancy.Chatbot;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * A bot's knowledge: its sources with their status and progress (the list polls itself every second while one is
 * still being indexed), upload (htmx, drag and drop), add a URL, crawl a site, reindex, delete, the quota and a
 * search tester. A refused request is shown next to the form it came from.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class BotKnowledgeController {
    private final BotScope scope;
    private final KnowledgeSources sources;
    private final KnowledgeSourceList list;
    private final Knowledge knowledge;

    BotKnowledgeController(BotScope scope, KnowledgeSources sources, KnowledgeSourceList list, Knowledge knowledge) {
        this.scope = scope;
        this.sources = sources;
        this.list = list;
        this.knowledge = knowledge;
    }

    @GetMapping("/console/bots/{botId}/knowledge")
    String page(
            @PathVariable String botId,
            @RequestParam(required = false) UUID crawl,
            HttpServletRequest request,
            Model model) {
        Chatbot bot = scope.bot(request, botId, model, "knowledge");
        return page(bot, crawl, model);
    }

    /** The source list alone: what the page polls while a source is not final. */
    @GetMapping("/console/bots/{botId}/knowledge/sources")
    String sources(
            @PathVariable String botId,
            @RequestParam(required = false) UUID crawl,
            HttpServletRequest request,
            Model model) {
        Chatbot bot = scope.bot(request, botId, model, "knowledge");
        list.fill(bot.id(), crawl, model);
        return "console/knowledge :: sources";
    }

    @PostMapping("/console/bots/{botId}/knowledge/upload")
    String upload(
            @PathVariable String botId,
            @RequestParam("file") MultipartFile file,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Chatbot bot = scope.bot(request, botId, model, "knowledge");
        try {
            sources.addFile(bot.id(), file.getOriginalFilename(), file.getContentType(), file.getBytes());
        } catch (InvalidRequestException | QuotaExceededException | UnsupportedContentException e) {
            refused(e, response, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        list.fill(bot.id(), null, model);
        return "console/knowledge :: sources";
    }

    @PostMapping("/console/bots/{botId}/knowledge/url")
    String addUrl(
            @PathVariable String botId,
            @RequestParam(defaultValue = "") String url,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Chatbot bot = scope.bot(request, botId, model, "knowledge");
        try {
            sources.addUrl(bot.id(), url);
            return "redirect:/console/bots/" + botId + "/knowledge";
        } catch (InvalidRequestException | QuotaExceededException | UnsupportedContentException e) {
            refused(e, response, model);
            model.addAttribute("typedUrl", url);
            return page(bot, null, model);
        }
    }

    @PostMapping("/console/bots/{botId}/knowledge/crawl")
    String crawl(
            @PathVariable String botId,
            @RequestParam(defaultValue = "") String baseUrl,
            @RequestParam(required = false) Integer maxDepth,
            @RequestParam(required = false) Integer maxPages,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Chatbot bot = scope.bot(request, botId, model, "knowledge");
        try {
            KnowledgeCrawl started = sources.crawl(bot.id(), new CrawlRequest(baseUrl, maxDepth, maxPages, null, null));
            return "redirect:/console/bots/" + botId + "/knowledge?crawl=" + started.id();
        } catch (InvalidRequestException | QuotaExceededException e) {
            refused(e, response, model);
            model.addAttribute("typedBaseUrl", baseUrl);
            return page(bot, null, model);
        }
    }

    @PostMapping("/console/bots/{botId}/knowledge/{sourceId}/reindex")
    String reindex(@PathVariable String botId, @PathVariable UUID sourceId, HttpServletRequest request) {
        sources.reindex(scope.bot(request, botId).id(), sourceId);
        return "redirect:/console/bots/" + botId + "/knowledge";
    }

    @PostMapping("/console/bots/{botId}/knowledge/{sourceId}/delete")
    String delete(@PathVariable String botId, @PathVariable UUID sourceId, HttpServletRequest request) {
        sources.delete(scope.bot(request, botId).id(), sourceId);
        return "redirect:/console/bots/" + botId + "/knowledge";
    }

    /** Ranked passages for a query, with the source and where in it each was found. */
    @GetMapping("/console/bots/{botId}/knowledge/search")
    String search(
            @PathVariable String botId,
            @RequestParam(defaultValue = "") String q,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Chatbot bot = scope.bot(request, botId, model, "knowledge");
        model.addAttribute("query", q);
        try {
            model.addAttribute("passages", knowledge.search(bot.id(), q, 5));
        } catch (InvalidRequestException e) {
            refused(e, response, model);
        }
        if (request.getHeader("HX-Request") != null) {
            return "console/knowledge :: results";
        }
        return page(bot, null, model);
    }

    private String page(Chatbot bot, UUID crawl, Model model) {
        list.fill(bot.id(), crawl, model);
        model.addAttribute("quota", sources.quota(bot.id()));
        model.addAttribute("quotaItems", java.util.List.of("documents", "urls", "ingestionsToday", "storageBytes"));
        return "console/knowledge";
    }

    private static void refused(ParleyException e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("problem", e.getMessage());
    }
}
