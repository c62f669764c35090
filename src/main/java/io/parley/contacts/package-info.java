/** End users of a chatbot and the identities channels know them by (wa_id, business-scoped user id, web chat). */
package io.parley.contacts;
