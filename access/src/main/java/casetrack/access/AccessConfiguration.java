package casetrack.access;

import java.util.List;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * What both services share: the credentials, the token filter, and problem+json refusals. Each
 * service imports this and declares its own {@code SecurityFilterChain} with {@link #base}.
 */
@Configuration
@EnableConfigurationProperties(AccessProperties.class)
public class AccessConfiguration {

    @Bean
    public Credentials credentials(AccessProperties properties) {
        return Credentials.load(properties);
    }

    @Bean
    public ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    /**
     * Request matchers by path pattern. Without this bean Spring Security matches each pattern through
     * Spring MVC's HandlerMappingIntrospector, which resolved the handler again for every matcher on
     * every request (about a tenth of a command's CPU in a JFR profile). Every pattern here is a plain
     * path, so matching the path is the same decision.
     */
    @Bean
    public static PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * No observation around each security filter. Spring Security otherwise wraps every filter of
     * the chain in a Micrometer observation and looks up meters for it on every request; the
     * request as a whole is still observed ({@code http.server.requests}).
     */
    @Bean
    public static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's servlet filter (its chains), registered under this name. */
    public static final String SECURITY_FILTER = "springSecurityFilterChain";
    private static final String MVC_CACHE_COMPOSITE =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$CompositeFilterChainProxy";
    private static final String MVC_CACHE_FILTER_FACTORY =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$HandlerMappingIntrospectorCacheFilterFactoryBean";

    /**
     * Spring Security's filter chains without the handler-mapping cache in front of them. With Spring
     * MVC present, Spring Security wraps its filter in one that first resolves each request's Spring
     * MVC handler, for matchers and CORS lookups that go through Spring MVC's HandlerMappingIntrospector
     * to reuse. Nothing here asks for it: every matcher is a path pattern ({@link #requestMatcherBuilder})
     * and CORS has its own source; the DispatcherServlet resolves the handler again anyway. That first
     * lookup took about 7% of a command's request-thread CPU (BENCHMARKS.md, session 8). Runs after
     * every registry post-processor, so after the one that wrapped the filter; does nothing if the
     * wrapper is not there.
     */
    @Bean
    public static BeanFactoryPostProcessor securityFilterWithoutHandlerMappingCache() {
        return beanFactory -> {
            if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(SECURITY_FILTER)) {
                return;
            }
            BeanDefinition composite = registry.getBeanDefinition(SECURITY_FILTER);
            if (!MVC_CACHE_COMPOSITE.equals(composite.getBeanClassName())) {
                return;
            }
            ConstructorArgumentValues.ValueHolder filters = composite.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
            if (filters == null || !(filters.getValue() instanceof List<?> list) || list.size() != 2) {
                return;
            }
            BeanDefinition chains = null;
            boolean cacheFilter = false;
            for (Object filter : list) {
                if (filter instanceof BeanDefinition d && MVC_CACHE_FILTER_FACTORY.equals(d.getBeanClassName())) {
                    cacheFilter = true;
                } else if (filter instanceof BeanDefinition d) {
                    chains = d;
                }
            }
            if (cacheFilter && chains != null) {
                registry.removeBeanDefinition(SECURITY_FILTER);
                registry.registerBeanDefinition(SECURITY_FILTER, chains);
            }
        };
    }

    /** Spring Security's strict firewall, its header checks decided per code point ({@link HeaderCharacters}). */
    @Bean
    public static HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
        return firewall;
    }

    /** Stateless token checks, no sessions, no CSRF (no cookies are ever issued), problem+json refusals. */
    public static HttpSecurity base(HttpSecurity http, Credentials credentials, ProblemResponses problems) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new TokenAuthenticationFilter(credentials, problems), AnonymousAuthenticationFilter.class);
    }
}
