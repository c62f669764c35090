/**
 * Notifications to the people who run the business (issue 17): per-organization templates for each staff channel
 * (rendered with Thymeleaf, variables declared and escaped for the channel), staff contact points (email, a chat
 * address linked with a one-time code, browser push subscriptions), rules that turn system events into staff
 * notifications, durable deliveries with per-recipient limits, and the owner's test message. Channel packages reach
 * staff through the {@link io.parley.notifications.StaffChannel} port and link chat addresses through
 * {@link io.parley.notifications.StaffLinks}; this module never names a conversation channel.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "delivery",
            "events",
            "outreach",
            "platform",
            "platform :: channel",
            "platform :: database",
            "platform :: egress",
            "platform :: web",
            "tenancy"
        })
package io.parley.notifications;

import org.springframework.modulith.ApplicationModule;
