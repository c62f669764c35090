/**
 * The console at {@code /console}: the server-rendered web app where owners, admins and agents of an organization
 * run their bots and answer customers (Thymeleaf, htmx and its SSE extension, Chart.js; no inline scripts, a strict
 * Content-Security-Policy). It signs people in with the staff login (or the operator's admin token) into an HttpOnly
 * session cookie, checks a CSRF token on every form, and calls the facades of the modules it shows; every page is
 * scoped to the signed-in organization. Sub-packages, all private: {@code shell} (sign-in, session, CSRF, layout,
 * errors, roles), one per area of the navigation.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "alerts",
            "contacts",
            "conversation",
            "delivery",
            "events",
            "knowledge",
            "media",
            "outreach",
            "platform",
            "platform :: channel",
            "platform :: web",
            "templates",
            "tenancy",
            "tools",
            "usage"
        })
package io.parley.console;

import org.springframework.modulith.ApplicationModule;
