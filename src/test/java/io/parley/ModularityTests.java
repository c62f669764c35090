package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** The module map of DESIGN.md, enforced: no cycles, no reaching into another module's internals. */
class ModularityTests {
    private final ApplicationModules modules = ApplicationModules.of(ParleyApplication.class);

    @Test
    void should_have_no_cycles_or_internal_access_between_modules() {
        modules.verify();
    }

    @Test
    void should_keep_the_feature_modules_of_the_design() {
        assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("platform", "tenancy", "contacts", "conversation", "agent", "llm", "delivery", "events",
                        "usage", "channels", "access", "bootstrap", "dashboard", "mcp");
    }

    @Test
    void should_keep_the_shared_kernel_free_of_feature_dependencies() {
        ApplicationModule platform = modules.getModuleByName("platform").orElseThrow();
        assertThat(platform.getBootstrapDependencies(modules).toList()).isEmpty();
    }
}
