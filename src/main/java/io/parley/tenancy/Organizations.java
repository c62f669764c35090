package io.parley.tenancy;

import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.cache.SharedCache;
import io.parley.platform.egress.EgressPolicy;
import io.parley.tenancy.internal.OrganizationRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Organizations. Looked up by id on every turn (is it paused?) and every request scoped to one: cached per node, and
 * forgotten on every node when it is renamed, paused, resumed or deleted (ADR 50).
 */
@Service
public class Organizations {
    private final OrganizationRepository repository;
    private final EgressPolicy egress;
    private final Clock clock;
    private final SharedCache<OrganizationId, Optional<Organization>> cache;

    Organizations(OrganizationRepository repository, EgressPolicy egress, Clock clock, ChangeNotices notices) {
        this.repository = repository;
        this.egress = egress;
        this.clock = clock;
        this.cache = notices.cache(OrganizationRepository.TOPIC);
    }

    public Organization create(String name) {
        String trimmed = Validation.requireText("name", name, 200);
        return repository.insert(new OrganizationId(UUID.randomUUID()), trimmed, null);
    }

    /** The organization with this slug, created if missing; safe when several nodes start at once. */
    public Organization ensureWithSlug(String slug, String name) {
        repository.insertIfSlugAbsent(new OrganizationId(UUID.randomUUID()), name, slug);
        return repository.findBySlug(slug).orElseThrow();
    }

    public Optional<Organization> find(OrganizationId id) {
        return cache.get(id, repository::find);
    }

    public Organization get(OrganizationId id) {
        return find(id).orElseThrow(
                        () -> new NotFoundException("organization_not_found", "No organization with id '" + id + "'"));
    }

    public List<Organization> list() {
        return repository.list();
    }

    public Organization rename(OrganizationId id, String name) {
        get(id);
        repository.rename(id, Validation.requireText("name", name, 200));
        return get(id);
    }

    /**
     * Pauses ({@code false}) or resumes every chatbot of the organization at once: messages are stored and not
     * answered while paused, and none of those is answered after resuming (ADR 33).
     */
    public Organization setActive(OrganizationId id, boolean active) {
        get(id);
        repository.setActive(id, active, clock.instant());
        return get(id);
    }

    public NotificationSettings notifications(OrganizationId id) {
        get(id);
        return repository.notifications(id);
    }

    /**
     * @param slackWebhookUrl null keeps the stored URL, empty removes it
     */
    public NotificationSettings updateNotifications(
            OrganizationId id, String method, String email, String slackWebhookUrl) {
        NotificationSettings current = notifications(id);
        String newMethod = method == null ? current.method() : method.trim();
        if (!java.util.Set.of("disabled", "slack", "email").contains(newMethod)) {
            throw Validation.invalid("notifications.method", "must be one of [disabled, slack, email]");
        }
        String newEmail = email == null ? current.email() : email.isBlank() ? null : email.trim();
        if (newEmail != null && !newEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw Validation.invalid("notifications.email", "must be an email address");
        }
        if (slackWebhookUrl != null && !slackWebhookUrl.isEmpty()) {
            Validation.optionalHttpUrl("notifications.slackWebhookUrl", slackWebhookUrl);
            egress.check("notifications.slackWebhookUrl", slackWebhookUrl.trim());
        }
        boolean hasSlack = slackWebhookUrl == null ? current.slackWebhookUrl() != null : !slackWebhookUrl.isEmpty();
        if ("slack".equals(newMethod) && !hasSlack) {
            throw Validation.invalid("notifications.slackWebhookUrl", "is required when the method is slack");
        }
        if ("email".equals(newMethod) && newEmail == null) {
            throw Validation.invalid("notifications.email", "is required when the method is email");
        }
        repository.updateNotifications(id, newMethod, newEmail, slackWebhookUrl);
        return repository.notifications(id);
    }
}
