package io.parley.console.shell;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the console's role check on {@code /console}. */
@Configuration
class ConsoleWebConfiguration implements WebMvcConfigurer {
    private final ConsoleAccessInterceptor access;

    ConsoleWebConfiguration(ConsoleAccessInterceptor access) {
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(access).addPathPatterns("/console/**");
    }
}
