package io.parley.flows.internal;

import io.parley.platform.ChatbotId;
import io.parley.tenancy.FlowCatalog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Answers tenancy's {@link FlowCatalog}: the engine switch and whether a key has a published version. */
@Component
@EnableConfigurationProperties(FlowProperties.class)
class PublishedFlows implements FlowCatalog {
    private final FlowDefinitionRepository repository;
    private final FlowProperties properties;

    PublishedFlows(FlowDefinitionRepository repository, FlowProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    @Override
    public boolean engineAvailable() {
        return properties.engineEnabled();
    }

    @Override
    public boolean hasPublished(ChatbotId chatbot, String flowKey) {
        return repository.hasPublished(chatbot, flowKey);
    }
}
