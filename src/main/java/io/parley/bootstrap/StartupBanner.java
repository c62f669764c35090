package io.parley.bootstrap;

import io.parley.access.AdminToken;
import io.parley.platform.PlatformProperties;
import io.parley.platform.PublicUrl;
import io.parley.platform.channel.Channels;
import io.parley.tenancy.Chatbot;
import java.io.PrintStream;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a newcomer where to go. Printed to standard output, not the log: the one-time token must not end up in
 * log storage (text by default, JSON in production with PARLEY_LOG_FORMAT).
 */
@Component
class StartupBanner {
    private final DemoTenant demo;
    private final AdminToken token;
    private final PublicUrl publicUrl;
    private final PlatformProperties platform;

    private final Channels channels;
    private final DemoFlowBot flowDemo;

    StartupBanner(DemoTenant demo, AdminToken token, PublicUrl publicUrl, PlatformProperties platform) {
        this(demo, null, token, publicUrl, platform, null);
    }

    @Autowired
    StartupBanner(
            DemoTenant demo,
            DemoFlowBot flowDemo,
            AdminToken token,
            PublicUrl publicUrl,
            PlatformProperties platform,
            Channels channels) {
        this.channels = channels;
        this.demo = demo;
        this.flowDemo = flowDemo;
        this.token = token;
        this.publicUrl = publicUrl;
        this.platform = platform;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        Optional<Chatbot> demoBot = demo.ensure();
        Optional<Chatbot> flowBot = flowDemo.ensure();
        print(System.out, demoBot, flowBot);
    }

    void print(PrintStream out, Optional<Chatbot> demoBot, Optional<Chatbot> flowBot) {
        String sandbox = publicUrl.resolve("/sandbox");
        StringBuilder text = new StringBuilder("\n  Parley is running.\n\n");
        if (token.generatedNow().isPresent()) {
            text.append("  Open the sandbox chat:  ")
                    .append(sandbox)
                    .append("#token=")
                    .append(token.generatedNow().get())
                    .append("\n\n  Admin token (shown only this once; the browser remembers it):\n    ")
                    .append(token.generatedNow().get())
                    .append('\n');
        } else {
            text.append("  Open the sandbox chat:  ")
                    .append(sandbox)
                    .append('\n')
                    .append(
                            token.configured()
                                    ? "  (sign in with PARLEY_ADMIN_TOKEN)\n"
                                    : "  (sign in with the admin token printed on the first start; lost it? delete "
                                            + platform.dataDir().resolve(AdminToken.HASH_FILE) + " and restart)\n");
        }
        demoBot.ifPresent(bot -> text.append("\n  Demo chatbot: ")
                .append(bot.name())
                .append(" (")
                .append(bot.id())
                .append(")\n"));
        flowBot.ifPresent(bot -> text.append("  Flow demo chatbot: ")
                .append(bot.name())
                .append(", try it at ")
                .append(publicUrl.resolve("/sandbox?bot=" + bot.id()))
                .append('\n'));
        text.append("  Console:          ")
                .append(publicUrl.resolve("/console"))
                .append("  (sign in with the admin token, or as a staff user)\n")
                .append("  Admin API:        ")
                .append(publicUrl.resolve("/api/v1"))
                .append("  (Authorization: Bearer <token>)\n")
                .append("  API reference:    ")
                .append(publicUrl.resolve("/api/docs"))
                .append("  (OpenAPI: ")
                .append(publicUrl.resolve("/api/openapi.json"))
                .append(")\n")
                .append(endpoints())
                .append("  Data:             ")
                .append(
                        platform.embedded()
                                ? platform.dataDir().toAbsolutePath().normalize()
                                : "external PostgreSQL")
                .append('\n');
        out.println(text);
        out.flush();
    }

    /** What each installed channel asks the operator to configure at its provider (WhatsApp: the webhook URL). */
    private String endpoints() {
        StringBuilder lines = new StringBuilder();
        if (channels != null) {
            channels.all()
                    .forEach(channel -> channel.operatorEndpoints()
                            .forEach((label, path) -> lines.append("  ")
                                    .append(String.format("%-18s", label + ":"))
                                    .append(publicUrl.resolve(path))
                                    .append('\n')));
        }
        return lines.toString();
    }
}
