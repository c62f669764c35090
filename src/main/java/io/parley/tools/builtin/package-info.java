/**
 * The built-in tools a chatbot can be given: {@code capture_lead} and {@code get_lead} (leads per organization),
 * {@code contact_owner} (Slack or email, per the organization's notification settings), {@code update_contact}
 * (contact variables and tags) and {@code handover} (to a human). Each is a {@link io.parley.tools.BuiltinTool} bean
 * that {@link io.parley.tools.Tools} finds by name; also the leads API.
 */
package io.parley.tools.builtin;
