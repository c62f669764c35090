package io.parley.platform.egress;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The egress policy and its HTTP client, shared by every module that requests a tenant-configured URL. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EgressProperties.class)
class EgressConfiguration {
    /** Settings that used to open holes the policy now governs; a start with them set would silently ignore them. */
    static final String RETIRED_ALLOW_PRIVATE_HOSTS = "parley.knowledge.allow-private-hosts";

    @Bean
    EgressPolicy egressPolicy(EgressProperties properties, Environment environment) {
        if (Binder.get(environment)
                .bind(RETIRED_ALLOW_PRIVATE_HOSTS, String.class)
                .isBound()) {
            throw new IllegalStateException("PARLEY_KNOWLEDGE_ALLOWPRIVATEHOSTS (" + RETIRED_ALLOW_PRIVATE_HOSTS
                    + ") was removed: the egress policy now governs every tenant URL. Remove it and list what tenant "
                    + "URLs may reach in PARLEY_EGRESS_ALLOW instead (e.g. PARLEY_EGRESS_ALLOW=127.0.0.1,intranet.local"
                    + ").");
        }
        return new EgressPolicy(properties);
    }

    @Bean(destroyMethod = "close")
    EgressHttp egressHttp(EgressPolicy policy, EgressProperties properties) {
        return new EgressHttp(policy, properties.maxConnections());
    }
}
