package io.parley.channels.whatsapp.inbound.payload;

import java.util.Map;

/** What one inbound message says, independent of who sent it and where: the normalized type, text and details. */
record NormalizedContent(String type, String text, Map<String, Object> details) {}
