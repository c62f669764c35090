/** End users of a chatbot and the identities channels know them by (wa_id, business-scoped user id, web chat). */
@ApplicationModule(allowedDependencies = {"access", "events", "platform", "tenancy"})
package io.parley.contacts;

import org.springframework.modulith.ApplicationModule;
