package io.parley.channels.whatsapp.inbound.payload;

/** Who sent a message, merged from the message ({@code from}, {@code from_user_id}) and its change's contacts. */
record WaSender(String waId, String userId, String profileName, String username) {}
