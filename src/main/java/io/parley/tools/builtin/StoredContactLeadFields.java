package io.parley.tools.builtin;

import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.tools.ContactLeadFields;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@link ContactLeadFields} from the leads table, scoped to the organization. */
@Component
class StoredContactLeadFields implements ContactLeadFields {
    private final LeadRepository leads;

    StoredContactLeadFields(LeadRepository leads) {
        this.leads = leads;
    }

    @Override
    public Map<String, Object> of(OrganizationId organizationId, ContactId contactId) {
        return leads.findByContact(organizationId, contactId)
                .map(Lead::forModel)
                .orElse(Map.of());
    }
}
