/**
 * Action links (issue 16): a single-use (or few-use), expiring link such as "pay your deposit" that a customer
 * opens from a chat, {@code /a/{token}}. Only the token's SHA-256 is stored. {@code GET} shows a confirmation page
 * and never uses the link (link previews and scanners fetch GETs); only the page's {@code POST} uses it, atomically,
 * and hands it to the {@link io.parley.actionlinks.ActionPurpose} named by the link, which other modules implement
 * ({@code deposit.pay} in payments). See docs/api/action-links.md and ADR 57.
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: web"})
package io.parley.actionlinks;

import org.springframework.modulith.ApplicationModule;
