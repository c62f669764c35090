package io.parley.contacts.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.contacts.Contact;
import io.parley.contacts.ContactConversations;
import io.parley.contacts.ContactIdentity;
import io.parley.contacts.Contacts;
import io.parley.platform.ContactId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization's contacts (ADR 31): list and search, one contact with its identities and conversations, staff
 * edits of name and variables, and merging two contacts (admin). The organization scopes every contact id: another
 * organization's is not found (ADR 16).
 */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/contacts")
class OrganizationContactsController {
    static final int MAX_LIMIT = 200;
    static final int MAX_VARIABLES_CHARS = 16_384;
    static final int MAX_QUERY = 200;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Contacts contacts;
    private final ContactConversations conversations;
    private final JsonMapper json;

    OrganizationContactsController(Contacts contacts, ContactConversations conversations, JsonMapper json) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.json = json;
    }

    record IdentityView(String kind, String value) {
        static IdentityView of(ContactIdentity identity) {
            return new IdentityView(identity.kind(), identity.value());
        }
    }

    record SummaryView(
            UUID id,
            String tier,
            String name,
            List<IdentityView> identities,
            List<String> tags,
            Instant createdAt,
            Instant lastSeenAt) {
        static SummaryView of(Contact c) {
            return new SummaryView(
                    c.id().value(),
                    c.tier().wireName(),
                    c.displayName(),
                    c.identities().stream().map(IdentityView::of).toList(),
                    c.tags(),
                    c.createdAt(),
                    c.lastSeenAt());
        }
    }

    record ConversationView(
            UUID id, UUID chatbotId, String channel, String owner, Instant lastMessageAt, Instant createdAt) {
        static ConversationView of(ContactConversations.Entry e) {
            return new ConversationView(
                    e.id().value(), e.chatbotId().value(), e.channel(), e.owner(), e.lastMessageAt(), e.createdAt());
        }
    }

    record ContactView(
            UUID id,
            String tier,
            String name,
            List<IdentityView> identities,
            Map<String, Object> variables,
            List<String> tags,
            List<ConversationView> conversations,
            UUID firstChatbotId,
            Instant createdAt,
            Instant lastSeenAt) {}

    @GetMapping
    @RequiresRole(Role.AGENT)
    List<SummaryView> list(
            @PathVariable String orgId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") int limit) {
        if (q != null && q.length() > MAX_QUERY) {
            throw invalid("q", "must be at most " + MAX_QUERY + " characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        ContactId cursor = null;
        if (after != null && !after.isBlank()) {
            try {
                cursor = new ContactId(UUID.fromString(after.strip()));
            } catch (IllegalArgumentException e) {
                throw invalid("after", "must be a contact id (the last id of the previous page)");
            }
        }
        return contacts.list(organization(orgId), q, cursor, limit).stream()
                .map(SummaryView::of)
                .toList();
    }

    @GetMapping("/{contactId}")
    @RequiresRole(Role.AGENT)
    ContactView get(@PathVariable String orgId, @PathVariable String contactId) {
        OrganizationId organization = organization(orgId);
        return view(organization, contact(organization, contactId));
    }

    /** {@code {"name"?: string|null, "variables"?: object}}; absent fields stay as they are. */
    @PatchMapping("/{contactId}")
    @RequiresRole(Role.AGENT)
    ContactView edit(
            @PathVariable String orgId, @PathVariable String contactId, @RequestBody(required = false) JsonNode body) {
        OrganizationId organization = organization(orgId);
        Contact contact = contact(organization, contactId);
        if (body == null || !body.isObject()) {
            throw invalid("body", "must be a JSON object with name and/or variables");
        }
        Optional<String> name = Optional.empty();
        if (body.has("name")) {
            JsonNode value = body.get("name");
            if (!value.isNull() && !value.isString()) {
                throw invalid("name", "must be a string or null");
            }
            String text = value.isNull() ? "" : value.asString();
            if (text.strip().length() > 200 || text.chars().anyMatch(Character::isISOControl)) {
                throw invalid("name", "must be at most 200 characters without control characters");
            }
            name = Optional.of(text);
        }
        Map<String, Object> variables = null;
        if (body.has("variables")) {
            JsonNode value = body.get("variables");
            if (!value.isObject()) {
                throw invalid("variables", "must be an object");
            }
            if (json.writeValueAsString(value).length() > MAX_VARIABLES_CHARS) {
                throw invalid("variables", "must be at most " + MAX_VARIABLES_CHARS + " characters of JSON");
            }
            variables = json.convertValue(value, MAP);
        }
        contacts.edit(organization, contact.id(), name, variables);
        return view(organization, contact(organization, contactId));
    }

    /** {@code {"otherContactId"}}: the other contact's identities, conversations and history join this one. */
    @PostMapping("/{contactId}/merge")
    @RequiresRole(Role.ADMIN)
    ContactView merge(
            @PathVariable String orgId, @PathVariable String contactId, @RequestBody(required = false) JsonNode body) {
        OrganizationId organization = organization(orgId);
        Contact contact = contact(organization, contactId);
        JsonNode other = body == null ? null : body.get("otherContactId");
        if (other == null || !other.isString() || other.asString().isBlank()) {
            throw invalid("otherContactId", "is required (the id of the contact to merge into this one)");
        }
        ContactId otherId = Ids.parse(other.asString(), "contact", ContactId::new);
        Contact merged =
                contacts.merge(organization, contact.id(), otherId).orElseThrow(() -> notFound(other.asString()));
        return view(organization, merged);
    }

    private ContactView view(OrganizationId organization, Contact c) {
        return new ContactView(
                c.id().value(),
                c.tier().wireName(),
                c.displayName(),
                c.identities().stream().map(IdentityView::of).toList(),
                c.variables(),
                c.tags(),
                conversations.of(organization, c.id(), 100).stream()
                        .map(ConversationView::of)
                        .toList(),
                c.firstChatbotId() == null ? null : c.firstChatbotId().value(),
                c.createdAt(),
                c.lastSeenAt());
    }

    private Contact contact(OrganizationId organization, String contactId) {
        ContactId id = Ids.parse(contactId, "contact", ContactId::new);
        return contacts.find(organization, id).orElseThrow(() -> notFound(contactId));
    }

    private static OrganizationId organization(String orgId) {
        return Ids.parse(orgId, "organization", OrganizationId::new);
    }

    private static NotFoundException notFound(String contactId) {
        String shown = contactId.length() <= 64 ? contactId : contactId.substring(0, 64) + "…";
        return new NotFoundException("contact_not_found", "No contact with id '" + shown + "'");
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
