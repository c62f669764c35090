/**
 * Inbound rate limits: token buckets per chatbot and per contact, on this node or shared in Redis. Redis down means
 * local buckets and one system event per outage, never an unlimited pass.
 */
@ApplicationModule(allowedDependencies = {"access", "events", "platform"})
package io.parley.ratelimit;

import org.springframework.modulith.ApplicationModule;
