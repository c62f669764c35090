package io.parley.access.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers authorization and the audit log on {@code /api/v1}. */
@Configuration
class AccessConfiguration implements WebMvcConfigurer {
    private final AccessInterceptor access;
    private final AuditInterceptor audit;

    AccessConfiguration(AccessInterceptor access, AuditInterceptor audit) {
        this.access = access;
        this.audit = audit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // audit first: its afterCompletion runs even when access refuses (and then skips the non-2xx answer)
        registry.addInterceptor(audit).addPathPatterns("/api/v1/**");
        registry.addInterceptor(access).addPathPatterns("/api/v1/**");
    }
}
