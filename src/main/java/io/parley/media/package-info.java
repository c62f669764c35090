/**
 * Media: inbound attachments (images, voice notes, videos, documents, stickers) downloaded from the provider by a
 * retryable job, checked (size, sha256), kept in a {@link io.parley.media.MediaStore} and served through Parley's
 * API; never through the provider's short-lived URL. Channels implement {@link io.parley.media.MediaSource}.
 */
@ApplicationModule(allowedDependencies = {"access", "events", "platform", "platform :: channel", "tenancy", "usage"})
package io.parley.media;

import org.springframework.modulith.ApplicationModule;
