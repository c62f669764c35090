package io.parley.platform.secrets;

import io.parley.platform.PlatformProperties;
import io.parley.platform.SecretBox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {
    @Bean
    SecretBox secretBox(PlatformProperties properties) {
        return new TinkSecretBox(MasterKeys.load(properties.masterKey(), properties.embedded(), properties.dataDir()));
    }
}
