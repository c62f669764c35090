package io.parley.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the operator's settings do at start-up. */
class EgressConfigurationTest {
    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(EgressConfiguration.class);

    @Test
    void should_read_a_comma_separated_allow_list() {
        context.withPropertyValues("parley.egress.allow=127.0.0.1, localhost:11434,10.0.0.0/8")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(EgressProperties.class)
                                    .allowList()
                                    .entries())
                            .hasSize(3);
                    assertThat(started.getBean(EgressPolicy.class).check("url", "http://127.0.0.1:9/"))
                            .isInstanceOf(EgressPolicy.Allowed.class);
                });
    }

    @Test
    void should_allow_nothing_private_when_the_list_is_empty_or_unset() {
        context.withPropertyValues("parley.egress.allow=")
                .run(started -> assertThat(started.getBean(EgressProperties.class)
                                .allowList()
                                .entries())
                        .isEmpty());
        context.run(started ->
                assertThat(started.getBean(EgressProperties.class).allow()).isEmpty());
    }

    @Test
    void should_fail_to_start_naming_the_entry_when_one_is_malformed() {
        context.withPropertyValues("parley.egress.allow=127.0.0.1,0x7f000001").run(started -> {
            assertThat(started).hasFailed();
            assertThat(messages(started.getStartupFailure()))
                    .contains("'0x7f000001'")
                    .contains("write IPv4 as four decimal numbers");
        });
    }

    @Test
    void should_fail_to_start_pointing_to_the_allow_list_when_the_retired_setting_is_still_set() {
        context.withPropertyValues("parley.knowledge.allow-private-hosts=true").run(started -> {
            assertThat(started).hasFailed();
            assertThat(messages(started.getStartupFailure()))
                    .contains("PARLEY_KNOWLEDGE_ALLOWPRIVATEHOSTS")
                    .contains("PARLEY_EGRESS_ALLOW");
        });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
