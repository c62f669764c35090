package io.parley.templates;

/** A template as the provider lists it; {@code status} is the provider's own word (APPROVED, PAUSED ...). */
public record RemoteTemplate(
        String providerTemplateId,
        String name,
        String language,
        String category,
        String status,
        String componentsJson) {}
