package io.parley.console.contacts;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleForbiddenException;
import io.parley.console.shell.ConsoleUser;
import io.parley.contacts.Contact;
import io.parley.contacts.ContactConversations;
import io.parley.contacts.Contacts;
import io.parley.platform.ContactId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.tools.ContactLeadFields;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's contacts: a searchable, paged list and each contact's profile (identities, tags, variables,
 * the lead fields a bot captured, all their conversations). Every member may read and rename; tags are an admin's.
 */
@Controller
class ContactsController {
    static final int PAGE = 50;
    static final int MAX_QUERY = 200;
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 100;

    private final Contacts contacts;
    private final ContactConversations conversations;
    private final ContactLeadFields leads;

    ContactsController(Contacts contacts, ContactConversations conversations, ContactLeadFields leads) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.leads = leads;
    }

    @GetMapping("/console/contacts")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String after,
            HttpServletRequest request,
            Model model) {
        OrganizationId organization = ConsoleUser.of(request).requireOrganization();
        String query = q == null || q.isBlank() ? null : q.strip();
        if (query != null && query.length() > MAX_QUERY) {
            throw new InvalidRequestException("validation_failed", "Search for at most " + MAX_QUERY + " characters");
        }
        ContactId cursor = after == null || after.isBlank() ? null : Ids.parse(after, "contact", ContactId::new);
        List<Contact> page = contacts.list(organization, query, cursor, PAGE + 1);
        model.addAttribute("q", query);
        model.addAttribute("contacts", page.stream().limit(PAGE).toList());
        model.addAttribute("next", page.size() > PAGE ? page.get(PAGE - 1).id().value() : null);
        return "console/contacts";
    }

    @GetMapping("/console/contacts/{contactId}")
    String profile(@PathVariable String contactId, HttpServletRequest request, Model model) {
        OrganizationId organization = ConsoleUser.of(request).requireOrganization();
        Contact contact = contact(organization, contactId);
        model.addAttribute("contact", contact);
        model.addAttribute("lead", leads.of(organization, contact.id()));
        model.addAttribute("conversations", conversations.of(organization, contact.id(), 100));
        return "console/contact";
    }

    @PostMapping("/console/contacts/{contactId}/name")
    String rename(
            @PathVariable String contactId, @RequestParam(defaultValue = "") String name, HttpServletRequest request) {
        OrganizationId organization = ConsoleUser.of(request).requireOrganization();
        Contact contact = contact(organization, contactId);
        String clean = name.strip();
        if (clean.length() > 200 || clean.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(
                    "validation_failed", "A name has at most 200 characters and no control characters");
        }
        contacts.edit(organization, contact.id(), Optional.of(clean), null);
        return "redirect:/console/contacts/" + contact.id().value();
    }

    @PostMapping("/console/contacts/{contactId}/tags")
    String tag(
            @PathVariable String contactId, @RequestParam(defaultValue = "") String tags, HttpServletRequest request) {
        ConsoleUser me = ConsoleUser.of(request);
        if (!me.atLeast(Role.ADMIN)) {
            throw new ConsoleForbiddenException("Changing tags needs the admin role");
        }
        Contact contact = contact(me.requireOrganization(), contactId);
        List<String> list = Arrays.stream(tags.split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .distinct()
                .toList();
        if (list.size() > MAX_TAGS || list.stream().anyMatch(t -> t.length() > MAX_TAG_LENGTH)) {
            throw new InvalidRequestException(
                    "validation_failed",
                    "At most " + MAX_TAGS + " tags of at most " + MAX_TAG_LENGTH + " characters each");
        }
        contacts.setTags(me.requireOrganization(), contact.id(), list);
        return "redirect:/console/contacts/" + contact.id().value();
    }

    private Contact contact(OrganizationId organization, String contactId) {
        ContactId id = Ids.parse(contactId, "contact", ContactId::new);
        return contacts.find(organization, id)
                .orElseThrow(
                        () -> new NotFoundException("contact_not_found", "No contact with id '" + contactId + "'"));
    }
}
