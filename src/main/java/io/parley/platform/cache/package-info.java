/**
 * Caches of what changes only by an admin's action (chatbot settings, channel credentials, limits), kept per node
 * and invalidated on every node when the change commits: {@link io.parley.platform.cache.ChangeNotices} announces a
 * change through PostgreSQL {@code NOTIFY} in the writing transaction, one listening connection per node hears it,
 * and every {@link io.parley.platform.cache.SharedCache} of that topic forgets the key (ADR 50). While the listener is
 * not connected, caches are bypassed; a time to live is the last net.
 */
@NamedInterface("cache")
package io.parley.platform.cache;

import org.springframework.modulith.NamedInterface;
