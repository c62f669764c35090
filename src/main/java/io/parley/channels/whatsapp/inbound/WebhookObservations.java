package io.parley.channels.whatsapp.inbound;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Webhook requests are timed once, by {@code parley.webhook.ingest} (with the outcome: accepted, unauthenticated,
 * overloaded …), not a second time by Spring's generic {@code http.server.requests} observation: at a thousand
 * webhooks a second that duplicate cost about 7 % of the node's CPU on the ingest path (docs/benchmarks.md).
 */
@Configuration(proxyBeanMethods = false)
class WebhookObservations {
    static final String PATH = "/webhooks/whatsapp";

    @Bean
    ObservationPredicate skipWebhookHttpObservation() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier() != null
                && PATH.equals(request.getCarrier().getRequestURI()));
    }
}
