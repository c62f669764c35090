/**
 * Message templates and the 24-hour customer service window: the template registry per channel account (registered
 * by hand, synced from the provider through the {@link io.parley.templates.TemplateSource} port, kept current by
 * status webhooks), each chatbot's re-engagement template, and {@link io.parley.templates.OutsideWindow}, which tells
 * a sender whether free text may go out, which template replaces it, or that the message fails as
 * {@code window_closed}. Conversations supply the window through the {@link io.parley.templates.ConversationWindows}
 * port, so delivery can ask without depending on the conversation module.
 */
@ApplicationModule(allowedDependencies = {"contacts", "events", "platform", "platform :: channel", "tenancy"})
package io.parley.templates;

import org.springframework.modulith.ApplicationModule;
