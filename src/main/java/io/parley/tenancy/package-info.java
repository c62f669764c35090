/**
 * Organizations (tenants), their chatbots with model configuration, and channel accounts with encrypted
 * credentials. Facades: {@link io.parley.tenancy.Organizations}, {@link io.parley.tenancy.Chatbots},
 * {@link io.parley.tenancy.ChannelAccounts}.
 */
package io.parley.tenancy;
