/**
 * Organizations (tenants), their chatbots with model configuration, and channel accounts with encrypted
 * credentials. Facades: {@link io.parley.tenancy.Organizations}, {@link io.parley.tenancy.Chatbots},
 * {@link io.parley.tenancy.ChannelAccounts}.
 */
@ApplicationModule(
        allowedDependencies = {"access", "platform", "platform :: cache", "platform :: channel", "platform :: egress"})
package io.parley.tenancy;

import org.springframework.modulith.ApplicationModule;
