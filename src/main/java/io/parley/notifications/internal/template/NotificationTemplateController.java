package io.parley.notifications.internal.template;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.notifications.RenderedNotification;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.internal.Scope;
import io.parley.notifications.internal.StaffChannels;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's notification templates: list, read (its own version or Parley's default), save its own
 * version, preview with sample data or given variables on every staff channel, delete back to the default.
 */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/notification-templates")
class NotificationTemplateController {
    private final NotificationTemplates templates;
    private final StaffChannels channels;
    private final Scope scope;

    NotificationTemplateController(NotificationTemplates templates, StaffChannels channels, Scope scope) {
        this.templates = templates;
        this.channels = channels;
        this.scope = scope;
    }

    record TemplateView(
            String name,
            String description,
            List<String> variables,
            Map<String, String> sample,
            Map<String, Map<String, String>> parts,
            boolean custom,
            boolean hasDefault) {}

    record TemplateBody(
            String description,
            List<String> variables,
            Map<String, String> sample,
            Map<String, Map<String, String>> parts) {}

    record PreviewBody(Map<String, Object> variables) {}

    record Preview(String name, Map<String, RenderedNotification> channels) {}

    @GetMapping
    @RequiresRole(Role.AGENT)
    List<TemplateView> list(@PathVariable String orgId) {
        OrganizationId organization = scope.organization(orgId);
        return templates.list(organization).stream().map(this::view).toList();
    }

    @GetMapping("/{templateName}")
    @RequiresRole(Role.AGENT)
    TemplateView get(@PathVariable String orgId, @PathVariable("templateName") String name) {
        return view(templates.get(scope.organization(orgId), name));
    }

    @PutMapping("/{templateName}")
    @RequiresRole(Role.ADMIN)
    TemplateView put(
            @PathVariable String orgId, @PathVariable("templateName") String name, @RequestBody TemplateBody body) {
        OrganizationId organization = scope.organization(orgId);
        NotificationTemplate.checkName(name);
        if (body == null) {
            throw new InvalidRequestException("invalid_notification_template", "A template body is required");
        }
        return view(templates.save(
                organization,
                new NotificationTemplate(name, body.description(), body.variables(), body.sample(), body.parts())));
    }

    @DeleteMapping("/{templateName}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable("templateName") String name) {
        if (!templates.reset(scope.organization(orgId), name)) {
            throw new NotFoundException(
                    "notification_template_not_found", "The organization has no version of its own of '" + name + "'");
        }
        return ResponseEntity.noContent().build();
    }

    /** Renders for each staff channel the template has a part for; given variables replace the sample data. */
    @PostMapping("/{templateName}/preview")
    @RequiresRole(Role.ADMIN)
    Preview preview(
            @PathVariable String orgId,
            @PathVariable("templateName") String name,
            @RequestBody(required = false) PreviewBody body) {
        NotificationTemplate template =
                templates.get(scope.organization(orgId), name).template();
        Map<String, ?> values = body == null || body.variables() == null ? template.sampleValues() : body.variables();
        Map<String, RenderedNotification> rendered = new LinkedHashMap<>();
        for (StaffChannel channel : channels.all()) {
            if (template.partFor(channel.name()) != null) {
                rendered.put(channel.name(), templates.renderer().render(template, channel, values));
            }
        }
        return new Preview(name, rendered);
    }

    private TemplateView view(NotificationTemplates.Resolved resolved) {
        NotificationTemplate t = resolved.template();
        return new TemplateView(
                t.name(),
                t.description(),
                t.variables(),
                t.sample(),
                t.parts(),
                resolved.custom(),
                templates.isDefault(t.name()));
    }
}
