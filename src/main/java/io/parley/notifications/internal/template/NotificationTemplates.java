package io.parley.notifications.internal.template;

import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The templates an organization notifies with: Parley's defaults ({@code notifications/default-templates.json}) and
 * the organization's own versions, which replace a default of the same name until deleted.
 */
@Service
public class NotificationTemplates {
    /** A template and whether it is the organization's own version or Parley's default. */
    public record Resolved(NotificationTemplate template, boolean custom) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TemplateRenderer renderer = new TemplateRenderer();
    private final Map<String, NotificationTemplate> defaults;
    private final Clock clock;

    NotificationTemplates(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.defaults = readDefaults(json);
    }

    public TemplateRenderer renderer() {
        return renderer;
    }

    public Optional<Resolved> find(OrganizationId organization, String name) {
        if (!NotificationTemplate.validName(name)) {
            return Optional.empty(); // nothing by such a name was ever saved (and PostgreSQL refuses NUL in text)
        }
        Optional<NotificationTemplate> own = jdbc.sql(
                        "select definition from notification_templates where organization_id = :org and name = :name")
                .param("org", organization.value())
                .param("name", name)
                .query(String.class)
                .optional()
                .map(this::read);
        if (own.isPresent()) {
            return Optional.of(new Resolved(own.get(), true));
        }
        return Optional.ofNullable(defaults.get(name)).map(t -> new Resolved(t, false));
    }

    public Resolved get(OrganizationId organization, String name) {
        return find(organization, name)
                .orElseThrow(() -> new NotFoundException(
                        "notification_template_not_found", "No notification template '" + name + "'"));
    }

    /** Every default (or the organization's version of it) and every template of the organization's own, by name. */
    public List<Resolved> list(OrganizationId organization) {
        Map<String, Resolved> all = new LinkedHashMap<>();
        defaults.values().forEach(t -> all.put(t.name(), new Resolved(t, false)));
        jdbc.sql("select definition from notification_templates where organization_id = :org order by name")
                .param("org", organization.value())
                .query(String.class)
                .list()
                .forEach(definition -> {
                    NotificationTemplate t = read(definition);
                    all.put(t.name(), new Resolved(t, true));
                });
        return new ArrayList<>(all.values());
    }

    /** Checks the template (shape and every part renders) and saves it as the organization's version. */
    public Resolved save(OrganizationId organization, NotificationTemplate template) {
        renderer.check(template);
        jdbc.sql("""
                        insert into notification_templates (organization_id, name, definition, updated_at)
                        values (:org, :name, cast(:definition as jsonb), :now)
                        on conflict (organization_id, name)
                        do update set definition = excluded.definition, updated_at = excluded.updated_at""")
                .param("org", organization.value())
                .param("name", template.name())
                .param("definition", json.writeValueAsString(template))
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
        return new Resolved(template, true);
    }

    /** Back to the default; false when the organization had no version of its own. */
    public boolean reset(OrganizationId organization, String name) {
        if (!NotificationTemplate.validName(name)) {
            return false;
        }
        return jdbc.sql("delete from notification_templates where organization_id = :org and name = :name")
                        .param("org", organization.value())
                        .param("name", name)
                        .update()
                == 1;
    }

    public boolean isDefault(String name) {
        return defaults.containsKey(name);
    }

    private NotificationTemplate read(String definition) {
        return json.readValue(definition, NotificationTemplate.class);
    }

    private static Map<String, NotificationTemplate> readDefaults(JsonMapper json) {
        try (InputStream in =
                NotificationTemplates.class.getResourceAsStream("/notifications/default-templates.json")) {
            List<NotificationTemplate> list = json.readValue(in, new TypeReference<List<NotificationTemplate>>() {});
            Map<String, NotificationTemplate> byName = new LinkedHashMap<>();
            TemplateRenderer checker = new TemplateRenderer();
            for (NotificationTemplate t : list) {
                checker.check(t);
                byName.put(t.name(), t);
            }
            return java.util.Collections.unmodifiableMap(byName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
