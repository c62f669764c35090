package io.parley.channels.client;

import io.parley.platform.egress.EgressPolicy;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.ChannelConnector;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** One connector per client channel type; the rest of the client API is shared by the three. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClientProperties.class)
class ClientChannelConfiguration {
    @Bean
    ChannelConnector apiChannelConnector(
            ChannelAccounts accounts, ClientChannelStore store, EgressPolicy egress, TransactionTemplate transactions) {
        return new ClientConnector(ClientTypes.API, accounts, store, egress, transactions);
    }

    @Bean
    ChannelConnector webChannelConnector(
            ChannelAccounts accounts, ClientChannelStore store, EgressPolicy egress, TransactionTemplate transactions) {
        return new ClientConnector(ClientTypes.WEB, accounts, store, egress, transactions);
    }

    @Bean
    ChannelConnector appChannelConnector(
            ChannelAccounts accounts, ClientChannelStore store, EgressPolicy egress, TransactionTemplate transactions) {
        return new ClientConnector(ClientTypes.APP, accounts, store, egress, transactions);
    }
}
